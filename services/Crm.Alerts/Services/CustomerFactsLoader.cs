using Crm.Alerts.Infrastructure;
using Crm.Alerts.Model;
using Crm.Alerts.Model.Rules;
using Crm.Events;
using Microsoft.EntityFrameworkCore;
using Crm.ServiceDefaults;

namespace Crm.Alerts.Services;

/// <summary>Loads what the rules look at for one customer, as of now in the branches' calendar: the facts they need, no more.</summary>
public sealed class CustomerFactsLoader(AlertsDbContext db, BusinessCalendar calendar)
{
    /// <summary>Enough months for the longest "rising N months running" a branch may set, plus its baseline.</summary>
    private const int ExpenseMonths = 13;

    public async Task<CustomerFacts> LoadAsync(
        Customer customer, IntegrationEvent? trigger, DateTimeOffset now, FactNeeds needs, CancellationToken cancellationToken)
    {
        var today = calendar.Today(now);
        var month = YearMonth.Of(today);
        var monthStart = month.FirstDay;
        var lastYearStart = monthStart.AddYears(-1);
        var lastYearToday = today.AddYears(-1);
        var monthKey = month.ToString();
        var id = customer.Id;

        decimal monthToDate = 0, lastYear = 0;
        if (needs.HasFlag(FactNeeds.Sales))
        {
            monthToDate = await db.SaleEntries
                .Where(s => s.CustomerId == id && s.Date >= monthStart && s.Date <= today)
                .SumAsync(s => s.Amount, cancellationToken);
            lastYear = await db.SaleEntries
                .Where(s => s.CustomerId == id && s.Date >= lastYearStart && s.Date <= lastYearToday)
                .SumAsync(s => s.Amount, cancellationToken);
        }
        var plan = needs.HasFlag(FactNeeds.Plan)
            ? await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.CustomerId == id && p.Month == monthKey, cancellationToken)
            : null;
        var expenses = needs.HasFlag(FactNeeds.Expenses)
            ? await db.ExpenseMonths.AsNoTracking()
                .Where(e => e.CustomerId == id)
                .OrderByDescending(e => e.Month)
                .Take(ExpenseMonths)
                .ToListAsync(cancellationToken)
            : [];

        return new CustomerFacts
        {
            Customer = customer,
            Now = now,
            Today = today,
            Trigger = trigger,
            MonthToDateSales = monthToDate,
            SamePeriodLastYearSales = lastYear,
            Plan = plan,
            RecentExpenses = expenses,
        };
    }
}
