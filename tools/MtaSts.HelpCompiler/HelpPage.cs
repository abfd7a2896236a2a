using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MtaSts.HelpCompiler
{
    /// <summary>One platyPS-schema help page (docs/en-US/&lt;Cmdlet&gt;.md), read into its sections.</summary>
    internal sealed class HelpPage
    {
        public string Name { get; private set; } = string.Empty;

        public string Synopsis { get; private set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();

        public List<(string Title, string Code, List<string> Remarks)> Examples { get; } = new List<(string, string, List<string>)>();

        public Dictionary<string, List<string>> Parameters { get; } = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The "Default value" of each parameter's yaml block, where it is not None.</summary>
        public Dictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Per parameter, the yaml block's Position, Required and "Accept pipeline input" lines, as written.</summary>
        public Dictionary<string, Dictionary<string, string>> Metadata { get; } = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);

        public List<(string Type, List<string> Text)> Inputs { get; } = new List<(string, List<string>)>();

        public List<(string Type, List<string> Text)> Outputs { get; } = new List<(string, List<string>)>();

        public List<string> Notes { get; } = new List<string>();

        public List<(string Text, string Uri)> Links { get; } = new List<(string, string)>();

        public static HelpPage Read(string path)
        {
            var document = Markdown.Parse(File.ReadAllText(path), new MarkdownPipelineBuilder().UseYamlFrontMatter().Build());
            var page = new HelpPage();
            string section = string.Empty;
            string? sub = null;
            foreach (var block in document)
            {
                switch (block)
                {
                    case HeadingBlock { Level: 1 } h1:
                        page.Name = Text(h1.Inline);
                        break;
                    case HeadingBlock { Level: 2 } h2:
                        section = Text(h2.Inline).ToUpperInvariant();
                        sub = null;
                        break;
                    case HeadingBlock { Level: 3 } h3:
                        sub = Text(h3.Inline);
                        page.StartSubsection(section, sub);
                        break;
                    case ParagraphBlock paragraph:
                        page.AddParagraph(section, sub, Text(paragraph.Inline), paragraph.Inline);
                        break;
                    case FencedCodeBlock yaml when section == "PARAMETERS" && sub != null && sub.StartsWith("-", StringComparison.Ordinal):
                        foreach (var line in yaml.Lines.Lines.Take(yaml.Lines.Count).Select(l => l.ToString()))
                        {
                            if (line.StartsWith("Default value:", StringComparison.Ordinal) && line.Substring(14).Trim() is { Length: > 0 } value && value != "None")
                            {
                                page.Defaults[sub.Substring(1)] = value;
                            }

                            int colon = line.IndexOf(':');
                            if (colon > 0 && line.Substring(0, colon) is "Position" or "Required" or "Accept pipeline input")
                            {
                                if (!page.Metadata.TryGetValue(sub.Substring(1), out var fields))
                                {
                                    page.Metadata[sub.Substring(1)] = fields = new Dictionary<string, string>(StringComparer.Ordinal);
                                }

                                fields[line.Substring(0, colon)] = line.Substring(colon + 1).Trim();
                            }
                        }

                        break;
                    case FencedCodeBlock code when section == "EXAMPLES" && page.Examples.Count > 0:
                        var last = page.Examples[^1];
                        page.Examples[^1] = (last.Title, string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString())), last.Remarks);
                        break;
                }
            }

            return page;
        }

        private void StartSubsection(string section, string title)
        {
            switch (section)
            {
                case "EXAMPLES":
                    Examples.Add((title, string.Empty, new List<string>()));
                    break;
                case "PARAMETERS" when title.StartsWith("-", StringComparison.Ordinal):
                    Parameters[title.Substring(1)] = new List<string>();
                    break;
                case "INPUTS":
                    Inputs.Add((title, new List<string>()));
                    break;
                case "OUTPUTS":
                    Outputs.Add((title, new List<string>()));
                    break;
            }
        }

        private void AddParagraph(string section, string? sub, string text, ContainerInline? inline)
        {
            switch (section)
            {
                case "SYNOPSIS":
                    Synopsis = text;
                    break;
                case "DESCRIPTION":
                    Description.Add(text);
                    break;
                case "EXAMPLES" when Examples.Count > 0:
                    Examples[^1].Remarks.Add(text);
                    break;
                case "PARAMETERS" when sub != null && sub.StartsWith("-", StringComparison.Ordinal):
                    Parameters[sub.Substring(1)].Add(text);
                    break;
                case "INPUTS" when Inputs.Count > 0:
                    Inputs[^1].Text.Add(text);
                    break;
                case "OUTPUTS" when Outputs.Count > 0:
                    Outputs[^1].Text.Add(text);
                    break;
                case "NOTES":
                    Notes.Add(text);
                    break;
                case "RELATED LINKS":
                    foreach (var link in inline?.Descendants<LinkInline>() ?? Enumerable.Empty<LinkInline>())
                    {
                        Links.Add((Text(link), link.Url ?? string.Empty));
                    }

                    break;
            }
        }

        private static string Text(ContainerInline? inline)
        {
            if (inline == null)
            {
                return string.Empty;
            }

            var parts = new List<string>();
            foreach (var item in inline)
            {
                parts.Add(item switch
                {
                    LiteralInline literal => literal.Content.ToString(),
                    CodeInline code => code.Content,
                    LineBreakInline => " ",
                    HtmlInline html => html.Tag,
                    AutolinkInline autolink => autolink.Url,
                    HtmlEntityInline entity => entity.Transcoded.ToString(),
                    ContainerInline container => Text(container),
                    _ => string.Empty,
                });
            }

            return string.Concat(parts).Trim();
        }
    }
}
