using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Xml;

namespace MtaSts.HelpCompiler
{
    /// <summary>Writes MAML command help (the format Get-Help reads for binary modules) from a help page and the cmdlet's own metadata.</summary>
    internal static class MamlWriter
    {
        private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
        private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        private static readonly HashSet<string> CommonParameters = new HashSet<string>(
            System.Management.Automation.Cmdlet.CommonParameters.Concat(System.Management.Automation.Cmdlet.OptionalCommonParameters), StringComparer.OrdinalIgnoreCase);

        /// <summary>The cmdlet's HelpUri, as its [Cmdlet] attribute gives it (PowerShell adds the property through type data only).</summary>
        public static string HelpUri(CmdletInfo cmdlet) =>
            cmdlet.ImplementingType.GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().FirstOrDefault()?.HelpUri ?? string.Empty;

        /// <summary>Writes the help of <paramref name="commands"/> in <paramref name="culture"/>, whose pages -Online opens.</summary>
        public static void Write(string path, IEnumerable<(CmdletInfo Cmdlet, HelpPage Page)> commands, string culture)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
            using var xml = XmlWriter.Create(path, settings);
            xml.WriteStartDocument();
            xml.WriteStartElement("helpItems", "http://msh");
            xml.WriteAttributeString("schema", "maml");
            foreach (var (cmdlet, page) in commands)
            {
                WriteCommand(xml, cmdlet, page, culture);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        private static void WriteCommand(XmlWriter xml, CmdletInfo cmdlet, HelpPage page, string culture)
        {
            xml.WriteStartElement("command", "command", Command);
            xml.WriteAttributeString("xmlns", "maml", null, Maml);
            xml.WriteAttributeString("xmlns", "dev", null, Dev);

            xml.WriteStartElement("details", Command);
            xml.WriteElementString("name", Command, cmdlet.Name);
            xml.WriteElementString("verb", Command, cmdlet.Verb);
            xml.WriteElementString("noun", Command, cmdlet.Noun);
            Paragraphs(xml, new[] { page.Synopsis });
            xml.WriteEndElement();

            Paragraphs(xml, page.Description);

            xml.WriteStartElement("syntax", Command);
            foreach (var set in cmdlet.ParameterSets)
            {
                xml.WriteStartElement("syntaxItem", Command);
                xml.WriteElementString("name", Maml, cmdlet.Name);
                // As Get-Command shows it: positional parameters by position, then mandatory, then optional.
                // -WhatIf and -Confirm are shown, as Get-Command shows them; the other common parameters are <CommonParameters>.
                var ordered = set.Parameters.Where(p => !CommonParameters.Contains(p.Name) || p.Name is "WhatIf" or "Confirm")
                    .OrderBy(p => p.Position >= 0 ? p.Position : int.MaxValue).ThenBy(p => p.IsMandatory ? 0 : 1);
                foreach (var parameter in ordered)
                {
                    WriteParameter(xml, parameter.Name, parameter.ParameterType, parameter.IsMandatory, parameter.Position,
                        parameter.ValueFromPipeline, parameter.ValueFromPipelineByPropertyName, parameter.Aliases, page);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();

            xml.WriteStartElement("parameters", Command);
            foreach (var parameter in cmdlet.Parameters.Values.Where(p => !CommonParameters.Contains(p.Name) || p.Name is "WhatIf" or "Confirm").OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var attributes = parameter.Attributes.OfType<ParameterAttribute>().ToList();
                WriteParameter(xml, parameter.Name, parameter.ParameterType, attributes.Any(a => a.Mandatory),
                    attributes.Select(a => a.Position).DefaultIfEmpty(int.MinValue).Max(), attributes.Any(a => a.ValueFromPipeline),
                    attributes.Any(a => a.ValueFromPipelineByPropertyName), parameter.Aliases, page);
            }

            xml.WriteEndElement();

            TypeList(xml, "inputTypes", "inputType", page.Inputs);
            TypeList(xml, "returnValues", "returnValue", page.Outputs);

            xml.WriteStartElement("alertSet", Maml);
            xml.WriteStartElement("alert", Maml);
            foreach (var note in page.Notes)
            {
                xml.WriteElementString("para", Maml, note);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteStartElement("examples", Command);
            foreach (var (title, code, remarks) in page.Examples)
            {
                xml.WriteStartElement("example", Command);
                xml.WriteElementString("title", Maml, $"--------- {title} ---------");
                xml.WriteElementString("code", Dev, code);
                xml.WriteStartElement("remarks", Dev);
                foreach (var remark in remarks)
                {
                    xml.WriteElementString("para", Maml, remark);
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();

            xml.WriteStartElement("relatedLinks", Command);
            // Get-Help -Online opens the first link that has a URI, so the cmdlet's own page in this culture comes first (as
            // platyPS writes it).
            xml.WriteStartElement("navigationLink", Maml);
            xml.WriteElementString("linkText", Maml, "Online Version:");
            xml.WriteElementString("uri", Maml, HelpUri(cmdlet).Replace("/docs/en-US/", "/docs/" + culture + "/"));
            xml.WriteEndElement();
            foreach (var (text, uri) in page.Links)
            {
                xml.WriteStartElement("navigationLink", Maml);
                xml.WriteElementString("linkText", Maml, text);
                xml.WriteElementString("uri", Maml, uri.StartsWith("http", StringComparison.Ordinal) ? uri : string.Empty);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        private static void WriteParameter(XmlWriter xml, string name, Type type, bool mandatory, int position, bool byValue, bool byName, IEnumerable<string> aliases, HelpPage page)
        {
            string pipeline = byValue && byName ? "True (ByPropertyName, ByValue)" : byValue ? "True (ByValue)" : byName ? "True (ByPropertyName)" : "False";
            xml.WriteStartElement("parameter", Command);
            xml.WriteAttributeString("required", mandatory ? "true" : "false");
            xml.WriteAttributeString("variableLength", type.IsArray ? "true" : "false");
            xml.WriteAttributeString("globbing", name == "Path" ? "true" : "false");
            xml.WriteAttributeString("pipelineInput", pipeline);
            xml.WriteAttributeString("position", position >= 0 ? (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "named");
            xml.WriteAttributeString("aliases", aliases.Any() ? string.Join(", ", aliases) : "none");
            xml.WriteElementString("name", Maml, name);
            Paragraphs(xml, page.Parameters.TryGetValue(name, out var text) ? text : new List<string>());
            if (type != typeof(SwitchParameter))
            {
                xml.WriteStartElement("parameterValue", Command);
                xml.WriteAttributeString("required", "true");
                xml.WriteAttributeString("variableLength", type.IsArray ? "true" : "false");
                xml.WriteString(TypeName(type));
                xml.WriteEndElement();
            }

            xml.WriteStartElement("type", Dev);
            xml.WriteElementString("name", Maml, (Nullable.GetUnderlyingType(type) ?? type).FullName);
            xml.WriteEndElement();
            xml.WriteElementString("defaultValue", Dev, page.Defaults.TryGetValue(name, out var value) ? value : "None");
            xml.WriteEndElement();
        }

        private static void TypeList(XmlWriter xml, string list, string item, List<(string Type, List<string> Text)> types)
        {
            xml.WriteStartElement(list, Command);
            foreach (var (type, text) in types)
            {
                xml.WriteStartElement(item, Command);
                xml.WriteStartElement("type", Dev);
                xml.WriteElementString("name", Maml, type);
                xml.WriteEndElement();
                Paragraphs(xml, text);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void Paragraphs(XmlWriter xml, IEnumerable<string> paragraphs)
        {
            xml.WriteStartElement("description", Maml);
            foreach (var paragraph in paragraphs)
            {
                xml.WriteElementString("para", Maml, paragraph);
            }

            xml.WriteEndElement();
        }

        private static string TypeName(Type type) => (Nullable.GetUnderlyingType(type) ?? type).Name;
    }
}
