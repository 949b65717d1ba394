global using System.Net;
global using System.Text.Json;
global using Crm.Credit.Model;
global using Crm.Events;
global using Crm.TestKit;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
