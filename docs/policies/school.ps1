# Tweestap policy for a school: the same values as school.json, for Chrome and for Edge.
# Run as SYSTEM in 64-bit PowerShell (Intune: "Run script in 64 bit PowerShell Host" = Yes).
# See README.md.
$ErrorActionPreference = 'Stop'
$id = 'nfhdjalblejmoimpgkfefjmogchaeocj'
foreach ($browser in 'Google\Chrome', 'Microsoft\Edge') {
  $key = "HKLM:\SOFTWARE\Policies\$browser\3rdparty\extensions\$id\policy"
  if (-not (Test-Path $key)) { New-Item -Path $key -Force | Out-Null }
  Set-ItemProperty -Path $key -Name 'requirePassword' -Type DWord -Value 1
  Set-ItemProperty -Path $key -Name 'passwordMinLength' -Type DWord -Value 12
  Set-ItemProperty -Path $key -Name 'autoLockMinutes' -Type DWord -Value 5
  Set-ItemProperty -Path $key -Name 'disablePlainExport' -Type DWord -Value 1
  Set-ItemProperty -Path $key -Name 'helpUrl' -Type String -Value 'https://helpdesk.example-school.nl/tweestap'
  Set-ItemProperty -Path $key -Name 'supportContact' -Type String -Value 'ICT-helpdesk, 010 123 4567'
}
