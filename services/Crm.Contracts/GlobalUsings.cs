global using Crm.Contracts.Model;
global using Crm.Events;
global using Crm.Messaging.Persistence;
global using Crm.ServiceDefaults;
global using Crm.ServiceDefaults.Identity;
global using Crm.ServiceDefaults.Problems;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
