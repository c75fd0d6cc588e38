#Requires -Version 7.2
<#
.SYNOPSIS
    Runs a golden read case (GoldenReadCases.psm1) against a scenario's clone (GoldenSetup.psm1)
    and judges it: our objects converted to GTO's shape (GoldenShape.psm1) and compared with GTO's
    JSON (GoldenCompare.psm1), or the error, rejection or warning the case expects.
#>
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'GoldenData.psm1')
Import-Module (Join-Path $PSScriptRoot 'GoldenShape.psm1')
Import-Module (Join-Path $PSScriptRoot 'GoldenCompare.psm1')
Import-Module (Join-Path $PSScriptRoot 'GtoCommandLine.psm1')

function Invoke-GoldenCase {
    <#
    .SYNOPSIS
        Runs the cmdlet of a case against a clone. Returns @{ Output; Errors; Warnings; Terminating }.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Case, [Parameter(Mandatory)] $Clone, [System.Management.Automation.CommandInfo] $CommandInfo)
    $params = @{}
    foreach ($k in $Case.Parameters.Keys) { $params[$k] = $Case.Parameters[$k] }
    if ($Case.Command -ne 'ConvertFrom-GtoTag') {
        $repo = if ($Case.RepoArg) { Resolve-GtoPlaceholder $Case.RepoArg $Clone }
        elseif ($Case.Cwd) { Resolve-GtoPlaceholder $Case.Cwd $Clone }
        else { $Clone.Repo }
        $params.Repository = $repo
    }
    $errs = $null
    $warns = $null
    $terminating = $null
    $output = @()
    try {
        # The caller passes the CommandInfo it resolved: the Gto module is imported in the test
        # script's scope, which this module's session state cannot see.
        $target = if ($CommandInfo) { $CommandInfo } else { $Case.Command }
        $output = @(& $target @params -ErrorAction SilentlyContinue -ErrorVariable errs -WarningAction SilentlyContinue -WarningVariable warns)
    }
    catch {
        $terminating = $_
    }
    [pscustomobject]@{
        Output      = $output
        Errors      = @($errs | Where-Object { $null -ne $_ })
        Warnings    = @($warns | Where-Object { $null -ne $_ })
        Terminating = $terminating
        Parameters  = $params
    }
}

function Get-GoldenErrorText {
    param($ErrorRecord)
    if ($null -eq $ErrorRecord) { return '' }
    $msg = if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) {
        if ($ErrorRecord.ErrorDetails -and $ErrorRecord.ErrorDetails.Message) { $ErrorRecord.ErrorDetails.Message } else { $ErrorRecord.Exception.Message }
    }
    else { [string]$ErrorRecord }
    $id = if ($ErrorRecord -is [System.Management.Automation.ErrorRecord]) { $ErrorRecord.FullyQualifiedErrorId } else { '' }
    "[$id] $msg"
}

function Test-GoldenCase {
    <#
    .SYNOPSIS
        Runs a case and returns the list of failures (strings); nothing when the case passes.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Case, [Parameter(Mandatory)] $Clone, [System.Management.Automation.CommandInfo] $CommandInfo)
    $run = Invoke-GoldenCase -Case $Case -Clone $Clone -CommandInfo $CommandInfo
    $call = "$($Case.Command) " + (($run.Parameters.GetEnumerator() | Sort-Object Key | ForEach-Object {
                if ($_.Value -is [bool]) { "-$($_.Key)" } else { "-$($_.Key) '$($_.Value)'" } }) -join ' ')
    $fail = [System.Collections.Generic.List[string]]::new()
    switch ($Case.Mode) {
        'Compare' {
            if ($run.Terminating) { $fail.Add("$call threw: $(Get-GoldenErrorText $run.Terminating)"); break }
            foreach ($e in $run.Errors) { $fail.Add("$call wrote an error: $(Get-GoldenErrorText $e)") }
            $expected = Read-GoldenJson -Text $Case.Expected
            $actual = ConvertTo-GoldenShape -Shape $Case.Shape -Output $run.Output -Key $Case.Key
            $name = $Case.Label -replace '^(extra|text|check-ref):', '$1 '
            foreach ($d in Compare-GoldenValue -Expected $expected -Actual $actual -Path $name) { $fail.Add($d) }
        }
        'Reject' {
            if ($run.Terminating) {
                # A mandatory -Tag '' is refused by parameter binding: an error of the same meaning.
                if (-not ($Case.Parameters.Tag -eq '' -and $run.Terminating.FullyQualifiedErrorId -like 'ParameterArgumentValidationError*')) {
                    $fail.Add("$call threw (expected a non-terminating error): $(Get-GoldenErrorText $run.Terminating)")
                }
            }
            elseif ($run.Errors.Count -eq 0) { $fail.Add("$call wrote no error (GTO: Cannot parse tag name)") }
            if ($run.Output.Count) { $fail.Add("$call returned $($run.Output.Count) object(s): $(@($run.Output | ForEach-Object { Format-GoldenValue (ConvertTo-GoldenParsedTag $_) }) -join '; ')") }
        }
        'Error' {
            $records = @($run.Errors)
            if ($run.Terminating) { $records = @($run.Terminating) + $records }
            if ($records.Count -eq 0) {
                $fail.Add("$call succeeded with $($run.Output.Count) object(s); expected an error$(if ($Case.ErrorId) { " with id $($Case.ErrorId)*" })")
                break
            }
            if ($Case.Terminating -and -not $run.Terminating) {
                $fail.Add("$call wrote a non-terminating error; expected a terminating one: $(Get-GoldenErrorText $records[0])")
            }
            if ($Case.ErrorId) {
                $match = @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like "$($Case.ErrorId)*" })
                if (-not $match.Count) {
                    $fail.Add("$call error id: expected $($Case.ErrorId)* got $(@($records | ForEach-Object { Get-GoldenErrorText $_ }) -join ' | ')")
                }
                elseif ($Case.MessageLike) {
                    $path = Resolve-GtoPlaceholder $Case.MessageLike $Clone
                    $texts = @($match | ForEach-Object { Get-GoldenErrorText $_ })
                    if (-not @($texts | Where-Object { $_.Contains($path) }).Count) {
                        $fail.Add("$call error message should contain '$path': $($texts -join ' | ')")
                    }
                }
            }
        }
        'Warn' {
            if ($run.Terminating) { $fail.Add("$call threw (GTO crashes here; ours must read past it and warn): $(Get-GoldenErrorText $run.Terminating)"); break }
            foreach ($e in $run.Errors) { $fail.Add("$call wrote an error: $(Get-GoldenErrorText $e)") }
            $texts = @($run.Warnings | ForEach-Object { if ($_ -is [System.Management.Automation.WarningRecord]) { $_.Message } else { [string]$_ } })
            if (-not $texts.Count -and $Case.Scenario -eq '21-corrupt-artifacts-yaml' -and $Case.Command -ne 'Get-GtoVersion') {
                # Annotation files are read lazily: a damaged one at a version's commit is met only by reads of that
                # version (Get-GtoVersion), and always by Test-GtoRegistry (docs/compatibility.md).
                $doctor = $CommandInfo.Module.ExportedCmdlets['Test-GtoRegistry']
                $problems = @(& $doctor -Repository $Clone.Repo | Where-Object Id -eq 'DamagedAnnotationFile')
                if (-not $problems.Count) { $fail.Add("$call wrote no warning and Test-GtoRegistry reports no DamagedAnnotationFile") }
            }
            elseif (-not $texts.Count) { $fail.Add("$call wrote no warning (expected one matching /$($Case.WarningPattern)/)") }
            elseif (-not @($texts | Where-Object { $_ -match $Case.WarningPattern }).Count) {
                $fail.Add("$call warnings do not mention /$($Case.WarningPattern)/: $($texts -join ' | ')")
            }
            if ($Case.Expected) {
                # The state GTO recorded before the registry broke, restricted to one artifact.
                $output = @($run.Output)
                if ($Case.OnlyArtifact) {
                    $output = @($output | Where-Object {
                            $n = if ($_.PSObject.Properties['Name'] -and $_.PSObject.Properties['Latest']) { $_.Name } else { $_.Artifact }
                            $n -ceq $Case.OnlyArtifact })
                }
                $expected = Read-GoldenJson -Text $Case.Expected
                $actual = ConvertTo-GoldenShape -Shape $Case.Shape -Output $output -Key $Case.Key
                foreach ($d in Compare-GoldenValue -Expected $expected -Actual $actual -Path $Case.Label) { $fail.Add($d) }
            }
        }
        default { $fail.Add("case mode '$($Case.Mode)' is not runnable") }
    }
    $fail.ToArray()
}

Export-ModuleMember -Function Test-GoldenCase
