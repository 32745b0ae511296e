const { chromium } = require('playwright');
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox'] });
  const p = await b.newPage();
  await p.goto('http://127.0.0.1:8327/?lang=en-XA'); await p.waitForSelector('iframe', { timeout: 10000 });
  console.log('iframe title:', await p.getAttribute('iframe', 'title'), 'src:', await p.getAttribute('iframe', 'src'));
  await b.close();
})();
