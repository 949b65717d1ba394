global using System.Net;
global using System.Text.Json;
global using AngleSharp.Dom;
global using Bunit;
global using Crm.Web.Api;
global using Crm.Web.Components.Pages;
global using Microsoft.Extensions.DependencyInjection;
