using Crm.AfterSales.Extensions;

CrmService.Run(args, builder => builder.AddApplicationServices(), app => app.MapAfterSalesApi());
