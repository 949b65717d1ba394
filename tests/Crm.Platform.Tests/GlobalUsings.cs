global using System.Net;
global using System.Net.Http.Json;
global using System.Text.Json;
global using Crm.Events;
global using Crm.Messaging.Persistence;
global using Crm.TestKit;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
