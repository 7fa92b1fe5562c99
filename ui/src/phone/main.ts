// The phone page's entry (ui/phone.html), served by the app at `/` while 手机查学时 is open.
import { mountPhonePage } from './page';

const root = document.getElementById('app');
if (root) mountPhonePage(root, { fetcher: window.fetch.bind(window) });
