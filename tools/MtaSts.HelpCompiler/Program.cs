using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using MtaSts.HelpCompiler;

// Compiles docs/<culture>/<Cmdlet>.md (platyPS schema) into the MAML file Get-Help reads for the module, taking syntax
// and parameter metadata from the built cmdlets themselves. It fails when docs and cmdlets drift apart: a cmdlet
// without a page, a page without a cmdlet, a parameter without a description, an example naming a missing parameter,
// a HelpUri that is not the page's place in the repository.
if (args.Length == 3 && args[0] == "--about")
{
    // The about topics only (docs/<culture>/about_*.md), for a culture without cmdlet pages.
    string aboutOutput = Path.GetFullPath(args[2]);
    Directory.CreateDirectory(aboutOutput);
    var abouts = Directory.GetFiles(Path.GetFullPath(args[1]), "about_*.md");
    foreach (var about in abouts)
    {
        AboutTopic.Compile(about, aboutOutput);
    }

    Console.WriteLine($"Wrote {abouts.Length} about topic(s) to {aboutOutput}");
    return abouts.Length > 0 ? 0 : 1;
}

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: MtaSts.HelpCompiler <module .psd1> <docs folder> <output folder>");
    Console.Error.WriteLine("       MtaSts.HelpCompiler --about <docs folder> <output folder>");
    return 2;
}

string manifest = Path.GetFullPath(args[0]);
string docs = Path.GetFullPath(args[1]);
string output = Path.GetFullPath(args[2]);

var state = InitialSessionState.CreateDefault2();
using var shell = PowerShell.Create(state);
var module = shell.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("PassThru").Invoke<PSModuleInfo>().Single();
var cmdlets = module.ExportedCmdlets.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

var problems = new List<string>();
var pages = new List<(CmdletInfo, HelpPage)>();
foreach (var cmdlet in cmdlets)
{
    string file = Path.Combine(docs, cmdlet.Name + ".md");
    if (!File.Exists(file))
    {
        problems.Add($"{cmdlet.Name}: no help page {file}");
        continue;
    }

    var page = HelpPage.Read(file);
    if (page.Name != cmdlet.Name)
    {
        problems.Add($"{file}: the title is '{page.Name}', not '{cmdlet.Name}'");
    }

    if (!MamlWriter.HelpUri(cmdlet).EndsWith("/docs/en-US/" + cmdlet.Name + ".md", StringComparison.Ordinal))
    {
        problems.Add($"{cmdlet.Name}: HelpUri '{MamlWriter.HelpUri(cmdlet)}' does not point at its page docs/en-US/{cmdlet.Name}.md");
    }

    if (string.IsNullOrWhiteSpace(page.Synopsis) || page.Description.Count == 0 || page.Examples.Count == 0)
    {
        problems.Add($"{cmdlet.Name}: the page needs a synopsis, a description and examples");
    }

    foreach (var parameter in cmdlet.Parameters.Keys.Where(p => !Cmdlet.CommonParameters.Contains(p) && !Cmdlet.OptionalCommonParameters.Contains(p)))
    {
        if (!page.Parameters.TryGetValue(parameter, out var text) || text.Count == 0)
        {
            problems.Add($"{cmdlet.Name}: parameter -{parameter} has no description");
        }
    }

    foreach (var (name, fields) in page.Metadata.Where(m => cmdlet.Parameters.ContainsKey(m.Key)))
    {
        var sets = cmdlet.Parameters[name].ParameterSets.Values.ToList();
        var positions = sets.Select(s => s.Position >= 0 ? s.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "Named").Distinct().ToList();
        var required = sets.Select(s => s.IsMandatory ? "True" : "False").Distinct().ToList();
        var ways = new[] { sets.Any(s => s.ValueFromPipelineByPropertyName) ? "ByPropertyName" : null, sets.Any(s => s.ValueFromPipeline) ? "ByValue" : null }.OfType<string>().ToList();
        string pipeline = ways.Count == 0 ? "False" : "True (" + string.Join(", ", ways) + ")";
        if (fields.TryGetValue("Position", out var position) && !positions.Contains(position))
        {
            problems.Add($"{cmdlet.Name}: -{name} is documented at Position {position}, but the cmdlet has {string.Join(" or ", positions)}");
        }

        if (fields.TryGetValue("Required", out var mandatory) && !required.Contains(mandatory))
        {
            problems.Add($"{cmdlet.Name}: -{name} is documented as Required {mandatory}, but the cmdlet has {string.Join(" or ", required)}");
        }

        if (fields.TryGetValue("Accept pipeline input", out var accepts) && accepts != pipeline)
        {
            problems.Add($"{cmdlet.Name}: -{name} is documented to accept pipeline input '{accepts}', but the cmdlet says '{pipeline}'");
        }
    }

    foreach (var documented in page.Parameters.Keys.Where(p => !cmdlet.Parameters.ContainsKey(p)))
    {
        problems.Add($"{cmdlet.Name}: the page documents -{documented}, which the cmdlet does not have");
    }

    foreach (var (title, code, _) in page.Examples)
    {
        foreach (System.Text.RegularExpressions.Match used in System.Text.RegularExpressions.Regex.Matches(code, cmdlet.Name + @"[^|\n]*"))
        {
            // Parameters of nested commands, such as (New-TimeSpan -Days 14), are not this cmdlet's.
            string own = System.Text.RegularExpressions.Regex.Replace(used.Value, @"\([^()]*\)|\{[^{}]*\}", string.Empty);
            foreach (System.Text.RegularExpressions.Match name in System.Text.RegularExpressions.Regex.Matches(own, @"(?<=\s)-([A-Za-z]+)"))
            {
                string parameter = name.Groups[1].Value;
                bool known = cmdlet.Parameters.ContainsKey(parameter) || cmdlet.Parameters.Values.Any(p => p.Aliases.Contains(parameter, StringComparer.OrdinalIgnoreCase));
                if (!known && !new[] { "eq", "ne", "gt", "lt", "like", "join" }.Contains(parameter, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{cmdlet.Name}: example '{title}' uses -{parameter}, which the cmdlet does not have");
                }
            }
        }
    }

    pages.Add((cmdlet, page));
}

// The module page (platyPS: <Module>.md) lists every cmdlet with the synopsis of its own page.
string modulePage = Path.Combine(docs, module.Name + ".md");
if (!File.Exists(modulePage))
{
    problems.Add($"{module.Name}: no module page {modulePage}");
}
else
{
    string moduleText = File.ReadAllText(modulePage).Replace("\r\n", "\n");
    var listed = System.Text.RegularExpressions.Regex.Matches(moduleText, @"^### \[([^\]]+)\]\([^)]*\)\n(.+)$", System.Text.RegularExpressions.RegexOptions.Multiline)
        .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
    foreach (var (cmdlet, page) in pages)
    {
        if (!listed.TryGetValue(cmdlet.Name, out string? synopsis))
        {
            problems.Add($"{modulePage}: {cmdlet.Name} is not listed");
        }
        else if (synopsis != page.Synopsis)
        {
            problems.Add($"{modulePage}: the synopsis of {cmdlet.Name} differs from its page ('{page.Synopsis}')");
        }
    }

    foreach (string name in listed.Keys.Where(n => !cmdlets.Any(c => c.Name == n)))
    {
        problems.Add($"{modulePage}: lists {name}, which the module does not export");
    }
}

foreach (var file in Directory.GetFiles(docs, "*.md").Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase) && f != modulePage))
{
    string name = Path.GetFileNameWithoutExtension(file);
    if (!cmdlets.Any(c => c.Name == name))
    {
        problems.Add($"{file}: a page without a cmdlet");
    }
}

if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("help: " + problem);
    }

    return 1;
}

Directory.CreateDirectory(output);
string target = Path.Combine(output, "MtaSts.PowerShell.dll-Help.xml");
MamlWriter.Write(target, pages, Path.GetFileName(docs));
foreach (var about in Directory.GetFiles(docs, "about_*.md"))
{
    AboutTopic.Compile(about, output);
}

Console.WriteLine($"Wrote help for {pages.Count} cmdlets to {target}");
return 0;
