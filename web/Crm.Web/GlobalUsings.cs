global using System.Globalization;
global using System.Security.Claims;
global using System.Text.Json.Nodes;
global using Crm.ServiceDefaults.Identity;
global using Crm.Web.Api;
global using Crm.Web.Localization;
