import { render } from 'preact';

render(<p>Tweestap</p>, document.getElementById('app')!);
