using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Crm.Credit.Model.Grading;

/// <summary>
/// A customer's assessment for one period (客户等级评估): the score, grade and proposed limit, with the explanation that
/// gives every input, its value and its points. One row per customer and period; a run for the same period again
/// updates it only where the result differs. The customer's current grade is that of its latest period.
/// </summary>
public sealed class CustomerGrade : IBranchOwned
{
    private static readonly JsonSerializerOptions Json = IntegrationEventJson.Options;

    private CustomerGrade() { }

    public Guid CustomerId { get; private set; }
    public string BranchId { get; private set; } = "";
    /// <summary>yyyy-MM.</summary>
    public string Period { get; private set; } = "";
    public int ModelVersion { get; private set; }
    public decimal Score { get; private set; }
    public Grade Grade { get; private set; }
    public decimal Coefficient { get; private set; }
    public decimal MonthlyAverageSales { get; private set; }
    public decimal PreviousMonthlyAverageSales { get; private set; }
    public decimal? OnTimeRate { get; private set; }
    public decimal ProposedLimit { get; private set; }
    /// <summary>The explanation, as JSON: every input with its value, points, maximum and a note.</summary>
    public string Explanation { get; private set; } = "[]";
    /// <summary>A digest of everything the result records, so a run can tell an unchanged result without reading it all.</summary>
    public string Fingerprint { get; private set; } = "";
    public Grade? PreviousGrade { get; private set; }
    public decimal? PreviousScore { get; private set; }
    public DateTimeOffset GradedAt { get; private set; }
    public string GradedBy { get; private set; } = "";
    public long Version { get; private set; }

    public IReadOnlyList<GradeInput> Inputs => JsonSerializer.Deserialize<List<GradeInput>>(Explanation, Json) ?? [];

    /// <summary>
    /// The row of a decided grade: its fingerprint is the decision's (computed once), its explanation the JSON the caller
    /// serialised once (<see cref="ExplanationJson"/>, or the same text cut from the event's body). A run writes it as an
    /// upsert: a stored row of the period with another fingerprint becomes its previous grade.
    /// </summary>
    public static CustomerGrade Of(
        Guid customerId, string branchId, YearMonth period, int modelVersion, GradeDecision decision, string explanationJson,
        DateTimeOffset now, string by)
    {
        var result = decision.Result;
        return new CustomerGrade
        {
            CustomerId = customerId,
            BranchId = branchId,
            Period = period.ToString(),
            ModelVersion = modelVersion,
            Score = result.Score,
            Grade = result.Grade,
            Coefficient = result.Coefficient,
            MonthlyAverageSales = result.MonthlyAverageSales,
            PreviousMonthlyAverageSales = result.PreviousMonthlyAverageSales,
            OnTimeRate = result.OnTimeRate,
            ProposedLimit = result.ProposedLimit,
            Explanation = explanationJson,
            Fingerprint = decision.Fingerprint,
            PreviousGrade = decision.Before?.Grade,
            PreviousScore = decision.Before?.Score,
            GradedAt = now,
            GradedBy = by,
            Version = 1,
        };
    }

    /// <summary>The explanation as the grade stores it and the event carries it.</summary>
    public static string ExplanationJson(IReadOnlyList<GradeInput> explanation) => JsonSerializer.Serialize(explanation, Json);

    /// <summary>
    /// The digest of a result: equal digests mean the same model, figures and explanation, whatever the time of the
    /// run. Decimals are written normalised (1.50 and 1.5 alike), as the database gives them back. The text digested is
    /// <c>model|score|grade|coefficient|average|previous average|rate or -|proposed limit</c> followed by
    /// <c>|input:value:points:max:note</c> per explanation line, in UTF-8; it is built in one pooled buffer (a run
    /// digests every customer, and this was most of the assessment's time when built through a string).
    /// </summary>
    public static string FingerprintOf(int modelVersion, GradeResult result)
    {
        var text = new FingerprintText(stackalloc char[1024]);
        text.Append(modelVersion);
        text.Append('|');
        text.Append(result.Score);
        text.Append('|');
        text.Append(GradeNames[(int)result.Grade]);
        text.Append('|');
        text.Append(result.Coefficient);
        text.Append('|');
        text.Append(result.MonthlyAverageSales);
        text.Append('|');
        text.Append(result.PreviousMonthlyAverageSales);
        text.Append('|');
        if (result.OnTimeRate is { } rate) text.Append(rate);
        else text.Append('-');
        text.Append('|');
        text.Append(result.ProposedLimit);
        foreach (var input in result.Explanation)
        {
            text.Append('|');
            text.Append(input.Input);
            text.Append(':');
            text.Append(input.Value);
            text.Append(':');
            text.Append(input.Points);
            text.Append(':');
            text.Append(input.MaxPoints);
            text.Append(':');
            text.Append(input.Note);
        }
        return text.Digest();
    }

    private static readonly string[] GradeNames = Enum.GetNames<Grade>();

    /// <summary>The text a fingerprint digests, written into a stack buffer (a pooled one when it outgrows it).</summary>
    private ref struct FingerprintText(Span<char> initial)
    {
        private Span<char> _chars = initial;
        private char[]? _rented;
        private int _length;

        public void Append(char separator)
        {
            Reserve(1);
            _chars[_length++] = separator;
        }

        public void Append(string? value)
        {
            if (value is null) return;
            Reserve(value.Length);
            value.CopyTo(_chars[_length..]);
            _length += value.Length;
        }

        public void Append(int value)
        {
            int written;
            while (!value.TryFormat(_chars[_length..], out written, default, CultureInfo.InvariantCulture)) Reserve(_chars.Length);
            _length += written;
        }

        /// <summary>As <see cref="N"/> writes it: the value without trailing zeros after the point (zero the slow way, for its sign).</summary>
        public void Append(decimal value)
        {
            if (value == 0)
            {
                Append(N(value));
                return;
            }
            int written;
            while (!value.TryFormat(_chars[_length..], out written, default, CultureInfo.InvariantCulture)) Reserve(_chars.Length);
            var digits = _chars.Slice(_length, written);
            if (digits.Contains('.'))
            {
                var end = written;
                while (digits[end - 1] == '0') end--;
                if (digits[end - 1] == '.') end--;
                written = end;
            }
            _length += written;
        }

        private void Reserve(int more)
        {
            if (_length + more <= _chars.Length) return;
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + more));
            _chars[.._length].CopyTo(larger);
            if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
            _chars = _rented = larger;
        }

        public string Digest()
        {
            var chars = _chars[.._length];
            var byteCount = Encoding.UTF8.GetByteCount(chars);
            var rentedBytes = byteCount > 2048 ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
            var bytes = rentedBytes is null ? stackalloc byte[byteCount] : rentedBytes.AsSpan(0, byteCount);
            Encoding.UTF8.GetBytes(chars, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, hash);
            if (rentedBytes is not null) ArrayPool<byte>.Shared.Return(rentedBytes);
            if (_rented is not null) ArrayPool<char>.Shared.Return(_rented);
            return Convert.ToBase64String(hash);
        }
    }

    private static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The last grading of a branch for a period that changed anything: who ran it, when, with which model. Runs move
/// forward: once a branch is graded for a period, earlier periods are closed to it.
/// </summary>
public sealed class GradingRun : IBranchOwned
{
    private GradingRun() { }

    public string BranchId { get; private set; } = "";
    public string Period { get; private set; } = "";
    public int ModelVersion { get; private set; }
    public int Graded { get; private set; }
    public int Changed { get; private set; }
    public DateTimeOffset RunAt { get; private set; }
    public string RunBy { get; private set; } = "";
    public long Version { get; private set; }

    public static GradingRun Start(string branchId, YearMonth period) => new() { BranchId = branchId, Period = period.ToString() };

    public void Record(int modelVersion, int graded, int changed, DateTimeOffset now, string by)
    {
        ModelVersion = modelVersion;
        Graded = graded;
        Changed = changed;
        RunAt = now;
        RunBy = by;
        Version++;
    }
}
