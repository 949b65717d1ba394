global using System.Net;
global using System.Text.Json;
global using Crm.Contracts.Model;
global using Microsoft.EntityFrameworkCore;
