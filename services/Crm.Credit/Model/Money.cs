namespace Crm.Credit.Model;

/// <summary>Money is kept to the cent (分); every figure derived from it is rounded the same way, half away from zero.</summary>
public static class Money
{
    /// <summary>The largest single amount accepted: far above any real invoice, far below what a SUM could overflow.</summary>
    public const decimal MaxAmount = 10_000_000_000m;

    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostCents(decimal value) => value == decimal.Round(value, 2);

    /// <summary>Required, positive (or zero when <paramref name="allowZero"/>), at most two decimal places, at most <see cref="MaxAmount"/>.</summary>
    public static ValidationErrors Amount(this ValidationErrors errors, string field, decimal? value, bool allowZero = false)
    {
        if (value is not { } amount) return errors.Add(field, $"{field} is required.");
        return errors
            .When(allowZero ? amount < 0 : amount <= 0, field, allowZero ? $"{field} must not be negative." : $"{field} must be greater than zero.")
            .When(!HasAtMostCents(amount), field, $"{field} has at most two decimal places (cents).")
            .When(amount > MaxAmount, field, $"{field} must be at most {MaxAmount:N0}.");
    }

    /// <summary>A quantity: positive, at most four decimal places.</summary>
    public static ValidationErrors Quantity(this ValidationErrors errors, string field, decimal? value)
    {
        if (value is not { } quantity) return errors.Add(field, $"{field} is required.");
        return errors
            .When(quantity <= 0, field, $"{field} must be greater than zero.")
            .When(quantity != decimal.Round(quantity, 4), field, $"{field} has at most four decimal places.")
            .When(quantity > MaxAmount, field, $"{field} must be at most {MaxAmount:N0}.");
    }

    /// <summary>A ratio to four decimal places (0.8333), for rates and shares.</summary>
    public static decimal Ratio(decimal part, decimal whole) => whole == 0 ? 0 : decimal.Round(part / whole, 4, MidpointRounding.AwayFromZero);
}
