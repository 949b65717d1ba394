global using Crm.Events;
global using Crm.Terms;
