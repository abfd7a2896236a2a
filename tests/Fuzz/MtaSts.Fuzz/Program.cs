using System;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace MtaSts.Fuzz
{
    /// <summary>
    /// <c>MtaSts.Fuzz &lt;target&gt;</c> runs one target under afl-fuzz (the engine assembly instrumented by
    /// sharpfuzz); <c>MtaSts.Fuzz &lt;target&gt; --replay &lt;folder or file&gt;...</c> runs saved inputs, such as
    /// the committed corpus, and exits 1 when one of them fails.
    /// </summary>
    internal static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
            {
                Console.Error.WriteLine($"usage: MtaSts.Fuzz <{string.Join("|", FuzzTargets.All.Keys)}> [--replay <path>...]");
                return 2;
            }

            if (args.Length > 1 && args[1] == "--replay")
            {
                return Replay(target, args.Skip(2));
            }

            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                target(copy.ToArray());
            });
            return 0;
        }

        private static int Replay(Action<byte[]> target, System.Collections.Generic.IEnumerable<string> paths)
        {
            int count = 0;
            int failed = 0;
            foreach (string file in paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : new[] { p }))
            {
                count++;
                try
                {
                    target(File.ReadAllBytes(file));
                }
                catch (Exception ex)
                {
                    failed++;
                    Console.Error.WriteLine($"{file}: {ex}");
                }
            }

            Console.WriteLine($"{count} inputs, {failed} failed");
            return failed == 0 ? 0 : 1;
        }
    }
}
