global using Crm.Events;
