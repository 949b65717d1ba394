global using Crm.Alerts.Infrastructure;
global using Crm.Alerts.Model;
global using Crm.Events;
global using Crm.Messaging.Persistence;
global using Crm.Terms;
global using Microsoft.EntityFrameworkCore;
