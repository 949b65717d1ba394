using Crm.Contracts.Apis;
using Crm.Contracts.Extensions;

CrmService.Run(args, builder => builder.AddApplicationServices(), app => app.MapContractsApi());
