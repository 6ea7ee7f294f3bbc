/** The one place the help address lives; policy (a later issue) may point it elsewhere. */
export const HELP_URL = 'https://tweestap.nl/help';
