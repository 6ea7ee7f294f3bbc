import { render } from 'preact';
import { setDocumentLanguage } from '../../src/ui/i18n';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import '../../src/ui/styles.css';
import '../../src/ui/options/options.css';

setDocumentLanguage();
render(<OptionsApp />, document.getElementById('app')!);
