using System;
using System.Collections.Concurrent;
using System.Reflection;

namespace MtaSts.PowerShell
{
    /// <summary>
    /// Windows PowerShell 5.1 (and PowerShell 7 before 7.4, which loads this build): the dependencies folder is reached
    /// only through this handler. It answers only for a file that is in that folder, and only when the module's own
    /// assemblies ask (or nobody in particular asks for that exact version), so another module asking for its own
    /// version of a shared name is never handed ours.
    /// </summary>
    internal static class DependencyResolver
    {
        private static readonly ConcurrentDictionary<string, Assembly> Loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static string folder = string.Empty;

        public static void Register(string dependencyFolder)
        {
            folder = dependencyFolder;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public static void Unregister() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name);
            string? path = ModuleInitAndCleanup.FindIn(folder, name);
            if (path == null || !IsOurs(args.RequestingAssembly, name, path))
            {
                return null;
            }

            return Loaded.GetOrAdd(path, Assembly.LoadFile);
        }

        private static bool IsOurs(Assembly? requester, AssemblyName name, string path)
        {
            if (requester == null)
            {
                return AssemblyName.GetAssemblyName(path).FullName == name.FullName;
            }

            return requester == typeof(DependencyResolver).Assembly || Loaded.Values.Contains(requester);
        }
    }
}
