using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MtaSts.Benchmarks.PolicyBenchmarks).Assembly).Run(args);
