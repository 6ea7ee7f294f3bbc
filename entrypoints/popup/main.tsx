// Evaluated first: importing boot sends the first request before anything else runs.
import '../../src/ui/popup/boot';
import { render } from 'preact';
import { setDocumentLanguage } from '../../src/ui/i18n';
import { App } from '../../src/ui/popup/App';
import '../../src/ui/styles.css';

setDocumentLanguage();
render(<App />, document.getElementById('app')!);
