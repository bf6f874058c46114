// Types shared by the templates.

@export()
@description('Tags: names to string values.')
type resourceTags = { *: string }

@export()
@description('A SIREN, the 9-digit company number of a social landlord (digits only, no spaces).')
@minLength(9)
@maxLength(9)
type siren = string
