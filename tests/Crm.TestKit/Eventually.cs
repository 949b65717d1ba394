namespace Crm.TestKit;

/// <summary>Waits for something that happens asynchronously (a message consumed). Never used to assert a duration.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last;
        while (true)
        {
            last = await probe();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting for {what}; last value: {last}");
            await Task.Delay(100);
        }
    }

    public static Task Until(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        Until(probe, ok => ok, what, timeout);
}
