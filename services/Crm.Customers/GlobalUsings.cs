global using Crm.Customers.Infrastructure;
global using Crm.Customers.Model;
global using Crm.Messaging.Persistence;
global using Crm.ServiceDefaults;
global using Crm.ServiceDefaults.Identity;
global using Crm.ServiceDefaults.Problems;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
