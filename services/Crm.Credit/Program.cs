using Crm.Credit.Apis;
using Crm.Credit.Extensions;

CrmService.Run(args, builder => builder.AddApplicationServices(), app => app.MapCreditApi());
