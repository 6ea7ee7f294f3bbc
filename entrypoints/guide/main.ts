import { showRequestedGuide } from '../../src/ui/guide/guide-page';
import '../../src/ui/guide/guide.css';

void showRequestedGuide();
addEventListener('hashchange', () => void showRequestedGuide({ moveFocus: true }));
