/** Message senders as the browser reports them, for router and worker tests. */
export const ID = 'nfhdjalblejmoimpgkfefjmogchaeocj';
export const ORIGIN = `chrome-extension://${ID}`;
export const popup = { id: ID, url: `${ORIGIN}/popup.html`, origin: ORIGIN };
export const worker = { id: ID, url: `${ORIGIN}/background.js`, origin: ORIGIN };
export const contentScript = {
  id: ID,
  url: 'https://school.example/login',
  origin: 'https://school.example',
  tab: { id: 7 },
  frameId: 0,
};

/** An envelope as any caller could put on the wire, well-formed or not. */
export const wire = (name: string, request: unknown = {}) => ({ tweestap: 1, name, request });
