namespace Crm.Contracts.Apis;

public static class SettingsApi
{
    private static readonly string[] Managers = CrmRoles.Managers.ToArray();

    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder api)
    {
        api.Get("/settings", GetContractSettings, "The branch's contract settings (合同设置): approval thresholds, reminder days, our party's data", 403, 404).ForRoles(Managers);
        api.Put("/settings", PutContractSettings, "Set the branch's approval thresholds, reminder days and our party's data; version when updating", 400, 409).ForRoles(Managers);
        api.Get("/templates", ListTemplates, "The branch's contract templates (合同模板)").ForRoles(Managers);
        api.Get("/templates/{id:guid}", GetTemplate, "A template with the sections it pre-fills", 404).ForRoles(Managers);
        api.Put("/templates/{id:guid}", PutTemplate, "Create the template with this id, or update it with the version read", 400, 404, 409).ForRoles(Managers);
        return api;
    }

    public static async Task<Ok<SettingsView>> GetContractSettings(SettingsService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetAsync(cancellationToken));

    public static async Task<Ok<SettingsView>> PutContractSettings(SettingsRequest request, HttpRequest http, SettingsService service, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        BranchSettings.Validate(errors, request.ApprovalThreshold1, request.ApprovalThreshold2, request.ReminderDays);
        new ContractSections { Parties = new PartiesSection { Company = request.Company } }.Validate(errors);
        errors.ThrowIfAny();
        return TypedResults.Ok(await service.PutAsync(request, ExpectedVersion.FromOptional(http, request.Version), cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<TemplateView>>> ListTemplates(SettingsService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.ListTemplatesAsync(cancellationToken));

    public static async Task<Ok<TemplateView>> GetTemplate(Guid id, SettingsService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.GetTemplateAsync(id, cancellationToken));

    public static async Task<Results<Created<TemplateView>, Ok<TemplateView>>> PutTemplate(
        Guid id, TemplateRequest request, HttpRequest http, SettingsService service, CancellationToken cancellationToken)
    {
        new ValidationErrors().Required("name", request.Name, ContractTemplate.NameMaxLength).MaxLength("description", request.Description, 1000).ThrowIfAny();
        var (template, created) = await service.PutTemplateAsync(id, request, ExpectedVersion.FromOptional(http, request.Version), cancellationToken);
        return created ? TypedResults.Created($"/api/contracts/templates/{id}", template) : TypedResults.Ok(template);
    }
}
