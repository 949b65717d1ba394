namespace Crm.Alerts.Tests;

/// <summary>
/// The projections behind the contract and complaint rules end the same in any arrival order, and complaint-unanswered
/// judges a customer's complaints as a pure function, at its severity threshold and not below it.
/// </summary>
public sealed class ContractAndComplaintModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 4, 0, 0, TimeSpan.Zero);
    private readonly Guid _customerId = Guid.NewGuid();

    private CustomerFacts Facts(params Complaint[] complaints)
    {
        var registered = TestEvents.Registered(_customerId, Now.AddDays(-100));
        var customer = Customer.FirstSeenIn(registered);
        customer.Register(registered);
        return new CustomerFacts { Customer = customer, Now = Now, Today = new DateOnly(2026, 3, 15), BreachedComplaints = complaints };
    }

    private Complaint ComplaintFrom(params IntegrationEvent[] events)
    {
        var complaint = Complaint.FirstSeenIn(events[0], ComplaintIdOf(events[0]));
        foreach (var e in events)
        {
            switch (e)
            {
                case ComplaintSlaBreached breach: complaint.Breach(breach); break;
                case ComplaintAnswered answered: complaint.Answer(answered); break;
                case ComplaintResolved resolved: complaint.Resolve(resolved); break;
            }
        }
        return complaint;
    }

    private static Guid ComplaintIdOf(IntegrationEvent e) => e switch
    {
        ComplaintSlaBreached b => b.ComplaintId,
        ComplaintAnswered a => a.ComplaintId,
        ComplaintResolved r => r.ComplaintId,
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    private static RuleOutcome Evaluate(CustomerFacts facts, decimal minimumSeverity) =>
        new ComplaintUnansweredRule().Evaluate(facts, new RuleThresholds(new ComplaintUnansweredRule().Thresholds,
            new Dictionary<string, decimal> { ["minimumSeverity"] = minimumSeverity }));

    [Theory]
    [InlineData("low", 1, true)]
    [InlineData("medium", 3, false)]
    [InlineData("high", 3, true)]
    [InlineData("critical", 4, true)]
    [InlineData("high", 4, false)]
    public void Complaint_unanswered_trips_at_the_minimum_severity_and_not_below(string severity, int minimum, bool trips)
    {
        var complaint = ComplaintFrom(TestEvents.SlaBreached(_customerId, Now, Guid.NewGuid(), severity: severity));
        Assert.Equal(trips, Evaluate(Facts(complaint), minimum) is RuleOutcome.Trip);
    }

    [Fact]
    public void An_answer_settles_a_first_response_breach_whichever_arrives_first_but_not_a_resolution_breach()
    {
        var id = Guid.NewGuid();
        var breach = TestEvents.SlaBreached(_customerId, Now, id);
        var answer = TestEvents.Answered(_customerId, Now.AddHours(1), id);
        var late = TestEvents.SlaBreached(_customerId, Now.AddDays(7), id, deadline: "resolution");

        Assert.False(ComplaintFrom(breach, answer).IsUnanswered);
        Assert.False(ComplaintFrom(answer, breach).IsUnanswered);
        var trip = Assert.IsType<RuleOutcome.Trip>(Evaluate(Facts(ComplaintFrom(answer, breach, late)), 1));
        Assert.All(trip.Evidence, f => Assert.Equal(late.EventId, f.EventId));
        Assert.IsType<RuleOutcome.Clear>(Evaluate(Facts(ComplaintFrom(late, breach, TestEvents.ComplaintClosed(_customerId, Now.AddDays(8), id), answer)), 1));
    }

    [Fact]
    public void The_newest_severity_wins_in_any_order()
    {
        var id = Guid.NewGuid();
        var breach = TestEvents.SlaBreached(_customerId, Now, id, severity: "low");
        var answered = TestEvents.Answered(_customerId, Now.AddHours(1), id, severity: "critical");
        Assert.Equal("critical", ComplaintFrom(breach, answered).Severity);
        Assert.Equal("critical", ComplaintFrom(answered, breach).Severity);
    }

    [Fact]
    public void The_reminder_kept_is_the_latest_expiry_s_with_the_fewest_days_left_in_any_order()
    {
        var contract = Guid.NewGuid();
        var thirty = TestEvents.Expiring(_customerId, Now, contract, new DateOnly(2026, 4, 14), 30);
        var seven = TestEvents.Expiring(_customerId, Now.AddDays(23), contract, new DateOnly(2026, 4, 14), 7);
        var renewedTerm = TestEvents.Expiring(_customerId, Now.AddDays(360), contract, new DateOnly(2027, 4, 14), 30);

        foreach (var order in new ContractExpiring[][] { [thirty, seven, renewedTerm], [renewedTerm, seven, thirty], [seven, renewedTerm, thirty] })
        {
            var reminder = ContractReminder.From(order[0]);
            foreach (var e in order.Skip(1)) reminder.Take(e);
            Assert.Equal(renewedTerm.EventId, reminder.EventId);
            Assert.Equal(new DateOnly(2027, 4, 14), reminder.ExpiresOn);
        }
        var sameTerm = ContractReminder.From(seven);
        sameTerm.Take(thirty);
        Assert.Equal(7, sameTerm.DaysLeft);
    }

    [Fact]
    public void New_evidence_on_an_open_alert_does_not_repeat_the_figures_of_events_it_holds()
    {
        var customer = Facts().Customer;
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var trip = (RuleOutcome.Trip)RuleOutcome.Tripped("one", new Figure("saleOn", "2026-03-01", first), new Figure("amount", "10", first));
        var alert = Alert.Raise(customer, NoActiveContractRule.RuleName, 1, new Dictionary<string, decimal>(), trip, Assignee.Person("rep-1"), Now);

        var both = (RuleOutcome.Trip)RuleOutcome.Tripped("two",
            new Figure("saleOn", "2026-03-01", first), new Figure("amount", "10", first),
            new Figure("saleOn", "2026-03-05", second), new Figure("amount", "20", second));

        Assert.True(alert.AddEvidence(both, Now.AddHours(1)));
        Assert.Equal(4, alert.Evidence.Count);
        Assert.False(alert.AddEvidence(both, Now.AddHours(2)));
    }
}
