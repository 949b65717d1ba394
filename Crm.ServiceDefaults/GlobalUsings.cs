global using Crm.ServiceDefaults.Problems;
global using Microsoft.AspNetCore.Http;
global using Microsoft.Extensions.Hosting;
