#requires -Version 7.4
<#
.SYNOPSIS
    Compiles the markdown help in docs/help/*.md into the MAML file module/en-US/Gto.PowerShell.dll-Help.xml.
.DESCRIPTION
    platyPS is not available here, so this script does its job for the subset of the platyPS markdown
    layout the Gto help uses. The markdown holds the words: SYNOPSIS, DESCRIPTION, EXAMPLES, one
    "### -Name" section per parameter, INPUTS, OUTPUTS, NOTES and RELATED LINKS. Everything that
    can drift from the code (syntax, parameter sets, types, positions, pipeline input, aliases,
    wildcards, default values) is read from the cmdlets themselves, in the built module.

    The script fails when a cmdlet has no markdown file, when a parameter of a cmdlet has no
    "### -Name" section (or the markdown describes a parameter the cmdlet does not have), or when a
    cmdlet has fewer than two examples. -Check compares instead of writing and fails when the
    committed MAML file is not what the markdown produces.

    Build the module first (./build.ps1 Build), then run this script, then build again so that
    out/Gto/en-US gets the new file.
.EXAMPLE
    dotnet pwsh -NoProfile -File docs/help/Build-GtoHelp.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File docs/help/Build-GtoHelp.ps1 -Check
#>
[CmdletBinding()]
param(
    # The built module to read the cmdlets from.
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/Gto/Gto.psd1'),
    # The folder with one <Cmdlet>.md file per cmdlet.
    [string] $SourcePath = $PSScriptRoot,
    # The MAML file to write.
    [string] $OutputPath = (Join-Path $PSScriptRoot '../../module/en-US/Gto.PowerShell.dll-Help.xml'),
    # Compare with the existing file instead of writing it; exit 1 when they differ.
    [switch] $Check,
    # Compile only these cmdlets into -OutputPath (a preview while writing; the real file covers every cmdlet).
    [string[]] $Name
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# A subset must never overwrite (or be checked against) the real file, which covers every cmdlet.
if ($Name -and ($Check -or -not $PSBoundParameters.ContainsKey('OutputPath'))) {
    throw '-Name compiles a preview: give it an -OutputPath of its own, and do not combine it with -Check.'
}

$ShouldProcessParameters = @('WhatIf', 'Confirm')
$CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters +
    [System.Management.Automation.Cmdlet]::OptionalCommonParameters | Where-Object { $_ -notin $ShouldProcessParameters }

# Text PowerShell's own help uses for the ShouldProcess parameters, unless the markdown has its own.
$NS = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

$DefaultDescriptions = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Markdown

# Splits a markdown file into its front matter (hashtable) and "## SECTION" blocks (ordered, lines).
function Read-HelpMarkdown([string] $Path) {
    $lines = [IO.File]::ReadAllLines($Path)
    $front = @{}
    $i = 0
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        for ($i = 1; $i -lt $lines.Count -and $lines[$i] -ne '---'; $i++) {
            if ($lines[$i] -match '^\s*([^:]+):\s*(.*)$') { $front[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $i++
    }
    $title = $null
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    for (; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^# (.+)$') { $title = $Matches[1].Trim(); continue }
        if (-not $inFence -and $line -match '^## (.+)$') {
            $current = $Matches[1].Trim().ToUpperInvariant()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $current) { $sections[$current].Add($line) }
    }
    [pscustomobject]@{ Path = $Path; FrontMatter = $front; Title = $title; Sections = $sections }
}

# Splits section lines into "### Heading" blocks: ordered list of @{ Heading; Lines }.
function Split-Subsections([System.Collections.Generic.List[string]] $Lines) {
    $result = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^### (.+)$') {
            $current = [pscustomobject]@{ Heading = $Matches[1].Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $result.Add($current)
            continue
        }
        if ($null -ne $current) { $current.Lines.Add($line) }
    }
    , $result
}

# Markdown text -> paragraphs. A paragraph is a run of non-blank lines; lines are joined with a space,
# except list items (-, *, 1.) and fenced code, whose lines are kept as they are.
function ConvertTo-Paragraphs([string[]] $Lines) {
    $paras = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $isBlock = $false
    $inFence = $false
    $flush = {
        if ($buffer.Count -gt 0) {
            $text = if ($isBlock) { $buffer -join "`n" } else { ($buffer | ForEach-Object { $_.Trim() }) -join ' ' }
            $paras.Add((ConvertFrom-InlineMarkdown $text))
        }
        $buffer.Clear()
    }
    foreach ($line in $Lines) {
        if ($line -match '^```') {
            if ($inFence) { $inFence = $false; . $flush; $isBlock = $false }
            else { . $flush; $inFence = $true; $isBlock = $true }
            continue
        }
        if ($inFence) { $buffer.Add($line); continue }
        if ($line.Trim() -eq '') { . $flush; $isBlock = $false; continue }
        if ($line -match '^\s*([-*]|\d+\.)\s') {
            if (-not $isBlock) { . $flush }
            $isBlock = $true
            $buffer.Add($line.TrimEnd())
            continue
        }
        if ($isBlock -and $buffer.Count -gt 0 -and $line -match '^\s{2,}\S') {
            # continuation of a list item
            $buffer[$buffer.Count - 1] = $buffer[$buffer.Count - 1] + ' ' + $line.Trim()
            continue
        }
        if ($isBlock) { . $flush; $isBlock = $false }
        $buffer.Add($line)
    }
    . $flush
    , $paras.ToArray()
}

# Console help has no markdown: drop the link syntax and emphasis, keep `code` as it is written.
function ConvertFrom-InlineMarkdown([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\([^)]*\)', '$1')
    $Text = [regex]::Replace($Text, '\*\*([^*]+)\*\*', '$1')
    $Text
}

# Examples: "### Example N: title", a ```powershell fence (the code), then remarks.
function Get-Examples($Doc) {
    $section = $Doc.Sections['EXAMPLES']
    if ($null -eq $section) { return , @() }
    $examples = foreach ($sub in (Split-Subsections $section)) {
        $code = [System.Collections.Generic.List[string]]::new()
        $rest = [System.Collections.Generic.List[string]]::new()
        $state = 'before'
        foreach ($line in $sub.Lines) {
            switch ($state) {
                'before' {
                    if ($line -match '^```') { $state = 'code' }
                    elseif ($line.Trim() -ne '') { throw "$($Doc.Path): example '$($sub.Heading)' must start with a code fence." }
                }
                'code' { if ($line -match '^```') { $state = 'after' } else { $code.Add($line) } }
                'after' { $rest.Add($line) }
            }
        }
        [pscustomobject]@{
            Title   = $sub.Heading
            Code    = ($code -join "`n").Trim()
            Remarks = ConvertTo-Paragraphs $rest
        }
    }
    , @($examples)
}

# INPUTS / OUTPUTS: "### Type.Name" then a description.
function Get-TypeEntries($Doc, [string] $Section) {
    $lines = $Doc.Sections[$Section]
    if ($null -eq $lines) { return , @() }
    , @(foreach ($sub in (Split-Subsections $lines)) {
            [pscustomobject]@{ Name = $sub.Heading; Description = ConvertTo-Paragraphs $sub.Lines }
        })
}

# RELATED LINKS: "- [text](uri)" or "- text".
function Get-Links($Doc) {
    $lines = $Doc.Sections['RELATED LINKS']
    if ($null -eq $lines) { return , @() }
    , @(foreach ($line in $lines) {
            if ($line -match '^\s*[-*]\s*\[([^\]]+)\]\(([^)]*)\)') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] } }
            elseif ($line -match '^\s*[-*]\s*(\S.*)$') { [pscustomobject]@{ Text = $Matches[1].Trim(); Uri = '' } }
        })
}

#endregion

#region Cmdlet metadata

function Get-TypeLabel([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Type.IsArray) { return (Get-TypeLabel $Type.GetElementType()) + '[]' }
    $Type.Name
}

function Get-TypeFullName([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.FullName
}

function Get-EnumValues([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Type.IsEnum) { return [Enum]::GetNames($Type) }
    @()
}

# The value a parameter has when it is not given, read from a fresh instance of the cmdlet class.
function Get-DefaultValue($Command, $Parameter, [hashtable] $Overrides) {
    if ($Overrides.ContainsKey($Parameter.Name)) { return $Overrides[$Parameter.Name] }
    if ($Parameter.ParameterType -eq [switch]) { return 'False' }
    if ($Parameter.Name -in $ShouldProcessParameters) { return 'False' }
    $property = $Command.ImplementingType.GetProperty($Parameter.Name)
    if (-not $property) { return 'None' }
    $instance = [Activator]::CreateInstance($Command.ImplementingType)
    $value = $property.GetValue($instance)
    if ($null -eq $value -or ($value -is [string] -and $value -eq '') -or ($value -is [array] -and $value.Count -eq 0)) { return 'None' }
    [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value)
}

function Get-PipelineInput($Attributes) {
    $byValue = @($Attributes | Where-Object ValueFromPipeline).Count -gt 0
    $byName = @($Attributes | Where-Object ValueFromPipelineByPropertyName).Count -gt 0
    if ($byName -and $byValue) { 'True (ByPropertyName, ByValue)' }
    elseif ($byValue) { 'True (ByValue)' }
    elseif ($byName) { 'True (ByPropertyName)' }
    else { 'False' }
}

#endregion

#region MAML

function Add-Paragraphs([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $NS.maml, $p) }
}

function Write-ParameterElement([System.Xml.XmlWriter] $W, $Info, [bool] $InSyntax) {
    $W.WriteStartElement('command', 'parameter', $NS.command)
    $W.WriteAttributeString('required', $Info.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Info.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Info.PipelineInput)
    $W.WriteAttributeString('position', $Info.Position)
    $W.WriteAttributeString('aliases', $(if ($Info.Aliases) { $Info.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $NS.maml, $Info.Name)
    $W.WriteStartElement('maml', 'description', $NS.maml)
    Add-Paragraphs $W $Info.Description
    $W.WriteEndElement()
    if ($InSyntax -and $Info.EnumValues.Count -gt 0) {
        $W.WriteStartElement('command', 'parameterValueGroup', $NS.command)
        foreach ($v in $Info.EnumValues) {
            $W.WriteStartElement('command', 'parameterValue', $NS.command)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('variableLength', 'false')
            $W.WriteString($v)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    elseif (-not ($InSyntax -and $Info.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $NS.command)
        $W.WriteAttributeString('required', $(if ($Info.IsSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($Info.TypeLabel)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $NS.dev)
    $W.WriteElementString('maml', 'name', $NS.maml, $Info.TypeFullName)
    $W.WriteElementString('maml', 'uri', $NS.maml, '')
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $NS.dev, $Info.Default)
    $W.WriteEndElement()
}

#endregion

# Everything the MAML needs about one cmdlet: words from the markdown, facts from the cmdlet.
function Get-CmdletHelp($Command, $Doc) {
    $cmdName = $Command.Name
    $where = $Doc.Path
    if ($Doc.Title -ne $cmdName) { throw "${where}: the title must be '# $cmdName'." }
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS') {
        if (-not $Doc.Sections.Contains($required)) { throw "${where}: the section '## $required' is missing." }
    }
    $synopsis = (ConvertTo-Paragraphs $Doc.Sections['SYNOPSIS']) -join ' '
    if (-not $synopsis) { throw "${where}: the synopsis is empty." }
    $description = ConvertTo-Paragraphs $Doc.Sections['DESCRIPTION']
    if ($description.Count -eq 0) { throw "${where}: the description is empty." }
    $examples = Get-Examples $Doc
    if ($examples.Count -lt 2) { throw "${where}: at least two examples are required." }
    foreach ($e in $examples) {
        if (-not $e.Code -or $e.Remarks.Count -eq 0) { throw "${where}: example '$($e.Title)' needs code and an explanation." }
    }

    # Parameter words: "### -Name", paragraphs, and optionally a line "Default value: X".
    $words = [ordered]@{}
    $defaults = @{}
    foreach ($sub in (Split-Subsections $Doc.Sections['PARAMETERS'])) {
        if ($sub.Heading -notmatch '^-(\w+)$') { throw "${where}: parameter heading '### $($sub.Heading)' must be '### -Name'." }
        $pname = $Matches[1]
        $kept = [System.Collections.Generic.List[string]]::new()
        foreach ($line in $sub.Lines) {
            if ($line -match '^Default value:\s*(.+)$') { $defaults[$pname] = $Matches[1].Trim() } else { $kept.Add($line) }
        }
        $words[$pname] = ConvertTo-Paragraphs $kept
    }
    $actual = @($Command.Parameters.Values | Where-Object { $_.Name -notin $CommonParameters })
    foreach ($p in $actual) {
        if (-not $words.Contains($p.Name)) {
            if ($DefaultDescriptions.ContainsKey($p.Name)) { $words[$p.Name] = @($DefaultDescriptions[$p.Name]) }
            else { throw "${where}: the parameter -$($p.Name) of $cmdName is not described (add '### -$($p.Name)')." }
        }
        if (@($words[$p.Name]).Count -eq 0) { throw "${where}: the description of -$($p.Name) is empty." }
    }
    foreach ($described in $words.Keys) {
        if (-not $Command.Parameters.ContainsKey($described) -or $described -in $CommonParameters) {
            throw "${where}: -$described is described, but $cmdName has no such parameter."
        }
    }

    $infos = @{}
    foreach ($p in $actual) {
        $attrs = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $positions = @($attrs | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Select-Object -Unique)
        $infos[$p.Name] = [pscustomobject]@{
            Name          = $p.Name
            Description   = @($words[$p.Name])
            Required      = @($attrs | Where-Object Mandatory).Count -gt 0 -and @($attrs | Where-Object { -not $_.Mandatory }).Count -eq 0
            Globbing      = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count -gt 0
            PipelineInput = Get-PipelineInput $attrs
            Position      = $(if ($positions.Count -eq 1) { [string]$positions[0] } else { 'named' })
            Aliases       = @($p.Aliases)
            IsSwitch      = $p.ParameterType -eq [switch]
            TypeLabel     = Get-TypeLabel $p.ParameterType
            TypeFullName  = Get-TypeFullName $p.ParameterType
            EnumValues    = @(Get-EnumValues $p.ParameterType)
            Default       = Get-DefaultValue $Command $p $defaults
        }
    }

    # Syntax: one item per parameter set, positional parameters first (by position), then mandatory
    # named ones, then the rest in the order the markdown describes them.
    $order = @{}
    $k = 0
    foreach ($n in $words.Keys) { $order[$n] = $k++ }
    $syntax = foreach ($set in $Command.ParameterSets) {
        $members = @($set.Parameters | Where-Object { $_.Name -notin $CommonParameters })
        $sorted = $members | Sort-Object @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } },
            @{ Expression = { -not $_.IsMandatory } }, @{ Expression = { $order[$_.Name] } }
        [pscustomobject]@{
            Name       = $cmdName
            Parameters = @(foreach ($m in $sorted) {
                    $base = $infos[$m.Name]
                    $copy = $base.PSObject.Copy()
                    $copy.Required = $m.IsMandatory
                    $copy.Position = $(if ($m.Position -ge 0) { [string]$m.Position } else { 'named' })
                    $copy.PipelineInput = $(if ($m.ValueFromPipeline -and $m.ValueFromPipelineByPropertyName) { 'True (ByPropertyName, ByValue)' }
                        elseif ($m.ValueFromPipeline) { 'True (ByValue)' } elseif ($m.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' })
                    $copy
                })
        }
    }

    $links = Get-Links $Doc
    $online = $Doc.FrontMatter['online version']
    [pscustomobject]@{
        Name        = $cmdName
        Verb        = $Command.Verb
        Noun        = $Command.Noun
        Synopsis    = $synopsis
        Description = $description
        Syntax      = @($syntax)
        Parameters  = @(foreach ($n in $words.Keys) { $infos[$n] })
        Inputs      = Get-TypeEntries $Doc 'INPUTS'
        Outputs     = Get-TypeEntries $Doc 'OUTPUTS'
        Notes       = $(if ($Doc.Sections.Contains('NOTES')) { ConvertTo-Paragraphs $Doc.Sections['NOTES'] } else { @() })
        Examples    = $examples
        OnlineUri   = $online
        Links       = $links
    }
}

function Write-Maml([object[]] $Helps) {
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $stream = [IO.MemoryStream]::new()
    $w = [System.Xml.XmlWriter]::Create($stream, $settings)
    $w.WriteStartDocument()
    $w.WriteStartElement('helpItems', 'http://msh')
    $w.WriteAttributeString('schema', 'maml')
    foreach ($h in $Helps) {
        $w.WriteStartElement('command', 'command', $NS.command)
        $w.WriteAttributeString('xmlns', 'maml', $null, $NS.maml)
        $w.WriteAttributeString('xmlns', 'command', $null, $NS.command)
        $w.WriteAttributeString('xmlns', 'dev', $null, $NS.dev)

        $w.WriteStartElement('command', 'details', $NS.command)
        $w.WriteElementString('command', 'name', $NS.command, $h.Name)
        $w.WriteStartElement('maml', 'description', $NS.maml)
        Add-Paragraphs $w @($h.Synopsis)
        $w.WriteEndElement()
        $w.WriteElementString('command', 'verb', $NS.command, $h.Verb)
        $w.WriteElementString('command', 'noun', $NS.command, $h.Noun)
        $w.WriteEndElement()

        $w.WriteStartElement('maml', 'description', $NS.maml)
        Add-Paragraphs $w $h.Description
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'syntax', $NS.command)
        foreach ($item in $h.Syntax) {
            $w.WriteStartElement('command', 'syntaxItem', $NS.command)
            $w.WriteElementString('maml', 'name', $NS.maml, $item.Name)
            foreach ($p in $item.Parameters) { Write-ParameterElement $w $p $true }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'parameters', $NS.command)
        foreach ($p in $h.Parameters) { Write-ParameterElement $w $p $false }
        $w.WriteEndElement()

        foreach ($kind in @(@('inputTypes', 'inputType', $h.Inputs), @('returnValues', 'returnValue', $h.Outputs))) {
            $w.WriteStartElement('command', $kind[0], $NS.command)
            foreach ($t in $kind[2]) {
                $w.WriteStartElement('command', $kind[1], $NS.command)
                $w.WriteStartElement('dev', 'type', $NS.dev)
                $w.WriteElementString('maml', 'name', $NS.maml, $t.Name)
                $w.WriteEndElement()
                $w.WriteStartElement('maml', 'description', $NS.maml)
                Add-Paragraphs $w $t.Description
                $w.WriteEndElement()
                $w.WriteEndElement()
            }
            $w.WriteEndElement()
        }

        $w.WriteStartElement('maml', 'alertSet', $NS.maml)
        $w.WriteStartElement('maml', 'alert', $NS.maml)
        Add-Paragraphs $w $h.Notes
        $w.WriteEndElement()
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'examples', $NS.command)
        $n = 0
        foreach ($e in $h.Examples) {
            $n++
            $w.WriteStartElement('command', 'example', $NS.command)
            $w.WriteElementString('maml', 'title', $NS.maml, "--------- $($e.Title) ---------")
            $w.WriteElementString('dev', 'code', $NS.dev, $e.Code)
            $w.WriteStartElement('dev', 'remarks', $NS.dev)
            Add-Paragraphs $w $e.Remarks
            $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'relatedLinks', $NS.command)
        if ($h.OnlineUri) {
            $w.WriteStartElement('maml', 'navigationLink', $NS.maml)
            $w.WriteElementString('maml', 'linkText', $NS.maml, 'Online Version:')
            $w.WriteElementString('maml', 'uri', $NS.maml, $h.OnlineUri)
            $w.WriteEndElement()
        }
        # Console help lists the other links by name only (Get-Help <name>); their web addresses
        # stay in the markdown, as with platyPS.
        foreach ($l in $h.Links) {
            $w.WriteStartElement('maml', 'navigationLink', $NS.maml)
            $w.WriteElementString('maml', 'linkText', $NS.maml, $l.Text)
            $w.WriteElementString('maml', 'uri', $NS.maml, '')
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteEndElement() # command:command
    }
    $w.WriteEndElement()
    $w.WriteEndDocument()
    $w.Flush()
    $w.Dispose()
    [System.Text.Encoding]::UTF8.GetString($stream.ToArray()) + "`n"
}

$module = Import-Module $ModulePath -Force -PassThru
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
if ($commands.Count -eq 0) { throw "The module at $ModulePath exports no cmdlets." }

$docs = @{}
foreach ($file in Get-ChildItem $SourcePath -Filter '*-*.md') {
    $docs[$file.BaseName] = Read-HelpMarkdown $file.FullName
}
foreach ($extra in $docs.Keys | Where-Object { $_ -notin $commands.Name }) {
    throw "docs/help/$extra.md describes a cmdlet the module does not export."
}

# The file lists the cmdlets in the order of the manifest's CmdletsToExport (reads, then writes).
$manifest = Import-PowerShellDataFile $ModulePath
$ordered = @($manifest.CmdletsToExport | Where-Object { $_ -in $commands.Name }) +
    @($commands.Name | Where-Object { $_ -notin $manifest.CmdletsToExport })
if ($Name) { $ordered = @($ordered | Where-Object { $_ -in $Name }) }
$helps = foreach ($cmdletName in $ordered) {
    if (-not $docs.ContainsKey($cmdletName)) { throw "docs/help/$cmdletName.md is missing: every exported cmdlet needs help." }
    Get-CmdletHelp (Get-Command $cmdletName -Module $module.Name) $docs[$cmdletName]
}
$xml = Write-Maml @($helps)
[xml]$xml | Out-Null # must parse

$OutputPath = [IO.Path]::GetFullPath($OutputPath)
if ($Check) {
    $existing = if (Test-Path $OutputPath) { [IO.File]::ReadAllText($OutputPath) } else { '' }
    if ($existing -ne $xml) {
        Write-Error "$OutputPath is not what docs/help/*.md produces; run docs/help/Build-GtoHelp.ps1 and rebuild."
        exit 1
    }
    Write-Host "$OutputPath is up to date ($($helps.Count) cmdlets)."
}
else {
    New-Item -ItemType Directory -Path (Split-Path $OutputPath) -Force | Out-Null
    [IO.File]::WriteAllText($OutputPath, $xml, [System.Text.UTF8Encoding]::new($false))
    Write-Host "Wrote $OutputPath ($($helps.Count) cmdlets)."
}
