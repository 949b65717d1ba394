using Crm.Web.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddWebApp();

var app = builder.Build();

app.UseWebApp();

app.Run();

/// <summary>The anchor the tests start the app by (every host has a top-level Program).</summary>
public partial class Program;
