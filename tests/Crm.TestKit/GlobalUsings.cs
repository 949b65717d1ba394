global using System.Text;
global using System.Text.Json;
global using Crm.ServiceDefaults.Identity;
global using Microsoft.Extensions.DependencyInjection;
