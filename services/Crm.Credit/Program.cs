CrmService.Run(args, builder => builder.AddApplicationServices(), app => app.MapCreditApi());
