using System;

namespace MtaSts.Records
{
    /// <summary>Where the core gets the time; tests pass a fixed one.</summary>
    public abstract class Clock
    {
        /// <summary>The system's UTC clock.</summary>
        public static Clock System { get; } = new SystemClock();

        public abstract DateTimeOffset UtcNow { get; }

        /// <summary>A clock that always says <paramref name="time"/>.</summary>
        public static Clock Fixed(DateTimeOffset time) => new FixedClock(time);

        private sealed class SystemClock : Clock
        {
            public override DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        }

        private sealed class FixedClock : Clock
        {
            private readonly DateTimeOffset time;

            public FixedClock(DateTimeOffset time) => this.time = time;

            public override DateTimeOffset UtcNow => time;
        }
    }
}
