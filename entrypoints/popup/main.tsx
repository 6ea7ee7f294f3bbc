// Evaluated first: importing boot sends the first request before anything else runs.
import '../../src/ui/popup/boot';
// Then the OTP code, then the list. Modules land in the bundle in the order they are evaluated; in
// this order the components sit side by side, where gzip does best (the popup has a size budget).
import '../../src/ui/code-at';
import '../../src/ui/popup/views/ListView';
import { render } from 'preact';
import { setDocumentLanguage } from '../../src/ui/i18n';
import { App } from '../../src/ui/popup/App';
import '../../src/ui/styles.css';

setDocumentLanguage();
render(<App />, document.getElementById('app')!);
