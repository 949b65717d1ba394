global using Crm.ServiceDefaults.Problems;
global using Microsoft.AspNetCore.Http;
