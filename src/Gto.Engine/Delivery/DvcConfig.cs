using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Gto.Engine.Delivery
{
    /// <summary>
    /// The parts of a DVC config file (INI: <c>[core]</c> and <c>['remote "name"']</c> sections of <c>key = value</c>)
    /// that say where content is: the default remote, each remote's URL, and the cache folder.
    /// </summary>
    internal sealed class DvcConfig
    {
        private static readonly Regex SectionRegex = new Regex(@"^\[\s*'?(?<name>[^'\]]*?)'?\s*\]$", RegexOptions.CultureInvariant);
        private static readonly Regex RemoteRegex = new Regex(@"^remote\s+""(?<name>[^""]*)""$", RegexOptions.CultureInvariant);

        private readonly Dictionary<string, Dictionary<string, string>> _sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);

        public static DvcConfig Parse(string? text)
        {
            var config = new DvcConfig();
            Dictionary<string, string>? section = null;
            foreach (var raw in (text ?? "").Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                var header = SectionRegex.Match(line);
                if (header.Success)
                {
                    var name = header.Groups["name"].Value.Trim();
                    if (!config._sections.TryGetValue(name, out section))
                        config._sections[name] = section = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    continue;
                }
                int equals = line.IndexOf('=');
                if (section != null && equals > 0) section[line.Substring(0, equals).Trim()] = line.Substring(equals + 1).Trim();
            }
            return config;
        }

        private string? Get(string section, string key) =>
            _sections.TryGetValue(section, out var s) && s.TryGetValue(key, out var v) ? v : null;

        /// <summary>The default remote (<c>[core] remote</c>), or null.</summary>
        public string? DefaultRemote => Get("core", "remote");

        /// <summary>The cache folder (<c>[cache] dir</c>), or null.</summary>
        public string? CacheDir => Get("cache", "dir");

        /// <summary>The URL of a remote by name, or null when the config has no such remote.</summary>
        public string? RemoteUrl(string name)
        {
            foreach (var s in _sections)
            {
                var m = RemoteRegex.Match(s.Key);
                if (m.Success && m.Groups["name"].Value == name && s.Value.TryGetValue("url", out var url)) return url;
            }
            return null;
        }
    }
}
