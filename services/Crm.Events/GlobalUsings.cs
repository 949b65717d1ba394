global using MassTransit;
