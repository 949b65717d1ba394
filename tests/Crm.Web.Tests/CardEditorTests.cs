using System.Text.Json.Nodes;
using Crm.Web.Components.Shared;

namespace Crm.Web.Tests;

/// <summary>Editing the archive card: a change reason is required, and a stale version shows who changed what since, losing nothing typed.</summary>
public sealed class CardEditorTests : ComponentTestContext
{
    private static readonly Guid Id = Guid.NewGuid();

    private static JsonObject Card(long version, string region) => new()
    {
        ["id"] = Id.ToString(), ["code"] = "SH-000001", ["name"] = "上海浦东日化商行", ["kind"] = "trading", ["region"] = region,
        ["category"] = "general", ["status"] = "active", ["ownerId"] = "rep-1", ["maskedFields"] = new JsonArray(), ["contacts"] = new JsonArray(),
        ["entryDate"] = "2026-11-01", ["contactDueOn"] = "2026-11-08", ["version"] = version,
    };

    private IRenderedComponent<CardEditor> RenderEditor()
    {
        var json = Card(2, "华东");
        return Render<CardEditor>(p => p
            .Add(c => c.Json, json)
            .Add(c => c.Card, json.Deserialize<CustomerCard>(GatewayApi.Json)!));
    }

    private static IElement Input(IRenderedComponent<CardEditor> cut, string id)
    {
        var element = cut.Find($"[data-testid={id}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input,textarea")!;
    }

    [Fact]
    public void Saving_without_a_change_reason_asks_for_one_and_sends_nothing()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=card-edit]").Click();
        Input(cut, "f-name").Change("上海浦东日化商行（张江店）");
        cut.Find("[data-testid=card-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("修改原因：必填", cut.Find("[data-field-error='changeReason']").TextContent));
        Assert.Empty(Gateway.Sent);
    }

    [Fact]
    public void A_stale_version_shows_who_changed_what_since_and_keeps_what_was_typed()
    {
        Gateway.Problem(HttpStatusCode.Conflict, "Stale version.", "The customer was changed by someone else (version 3, you sent 2).");
        Gateway.Answer(HttpStatusCode.OK, new
        {
            items = new object[]
            {
                new { id = 3, at = "2026-11-29T08:00:00+08:00", by = "inside-1", byName = "李娜", action = "updated",
                      changes = new[] { new { field = "region", from = "华东", to = "华南", masked = false } }, reason = "迁址", version = 3 },
                new { id = 2, at = "2026-11-28T08:00:00+08:00", by = "rep-1", byName = "王芳", action = "updated",
                      changes = new[] { new { field = "route", from = (string?)null, to = "A-01", masked = false } }, reason = "补路序", version = 2 },
            },
            total = 2, page = 1, pageSize = 50,
        });
        Gateway.Answer(HttpStatusCode.OK, Card(3, "华南"));
        Gateway.Answer(HttpStatusCode.OK, Card(4, "华南"));

        var cut = RenderEditor();
        cut.Find("[data-testid=card-edit]").Click();
        Input(cut, "f-name").Change("上海浦东日化商行（张江店）");
        Input(cut, "f-changeReason").Change("门店更名");
        cut.Find("[data-testid=card-save]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=stale-change]")));
        var change = cut.Find("[data-testid=stale-change]").TextContent;
        Assert.Contains("李娜", change);
        Assert.Contains("region: 华东 → 华南", change);
        Assert.Equal("上海浦东日化商行（张江店）", Input(cut, "f-name").GetAttribute("value"));

        cut.Find("[data-testid=stale-keep]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=stale]")));
        cut.Find("[data-testid=card-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, Gateway.Sent.Count));

        var resent = JsonNode.Parse(Gateway.Sent[3].Body!)!;
        Assert.Equal(3, (long)resent["version"]!);
        Assert.Equal("上海浦东日化商行（张江店）", (string?)resent["name"]); // mine
        Assert.Equal("华南", (string?)resent["region"]);                  // theirs, not undone
        Assert.Equal("门店更名", (string?)resent["changeReason"]);
    }
}
