/**
 * The app shell: status bar always visible, the sign-in gate, the menu (only what the role may
 * use) and the screen of the current hash route (#/consult, #/patients/ID, ...). Hash routes
 * need nothing from the server beyond index.html.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, setSignedOutHandler } from './api.js';
import type { Me } from './api-types.js';
import { t } from './i18n.js';
import { LanguagePicker } from './language-picker.js';
import { CalculatorsScreen } from './screens/calculators.js';
import { ConsultScreen } from './screens/consult/consult-screen.js';
import { DrugsScreen } from './screens/drugs.js';
import { PatientsScreen } from './screens/patients.js';
import { SearchScreen } from './screens/search.js';
import { SignIn } from './screens/sign-in.js';
import { StatusBar } from './status-bar.js';
import { useLanguage } from './use-i18n.js';

interface Route {
  screen: 'consult' | 'patients' | 'search' | 'calculators' | 'drugs';
  id: string | null;
}

function parseRoute(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, '').split('/');
  const known = ['consult', 'patients', 'search', 'calculators', 'drugs'] as const;
  const found = known.find((s) => s === screen) ?? 'consult';
  return { screen: found, id: id ? decodeURIComponent(id) : null };
}

function useRoute(): Route {
  const [route, setRoute] = useState(parseRoute(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

const MENU: { screen: Route['screen']; needs: string | null }[] = [
  { screen: 'consult', needs: 'consult.run' },
  { screen: 'patients', needs: 'patient.read' },
  { screen: 'search', needs: null },
  { screen: 'calculators', needs: null },
  { screen: 'drugs', needs: null },
];

function Menu({ me, route, onSignOut }: { me: Me; route: Route; onSignOut: () => void }) {
  const items = MENU.filter((m) => m.needs === null || me.permissions.includes(m.needs));
  return (
    <nav class="menu" aria-label={t('nav.label')}>
      <ul>
        {items.map((m) => (
          <li key={m.screen}>
            <a href={`#/${m.screen}`} aria-current={route.screen === m.screen ? 'page' : undefined}>
              {t(`nav.${m.screen}`)}
            </a>
          </li>
        ))}
        <li>
          <button type="button" class="link" onClick={onSignOut}>
            {t('nav.signOut')}
          </button>
        </li>
      </ul>
    </nav>
  );
}

function Screen({ me, route }: { me: Me; route: Route }) {
  switch (route.screen) {
    case 'consult':
      return <ConsultScreen me={me} patientId={route.id} />;
    case 'patients':
      return <PatientsScreen me={me} patientId={route.id} />;
    case 'search':
      return <SearchScreen />;
    case 'calculators':
      return <CalculatorsScreen />;
    case 'drugs':
      return <DrugsScreen />;
  }
}

export function App({ initialMe }: { initialMe: Promise<Me | null> }) {
  useLanguage();
  const route = useRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    setSignedOutHandler(() => setMe(null));
    void initialMe.then(setMe);
  }, [initialMe]);

  const signOut = () => {
    void api('DELETE', '/api/session').finally(() => setMe(null));
  };

  return (
    <>
      <a class="skip" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        <LanguagePicker />
      </header>
      <StatusBar signedIn={Boolean(me)} />
      {me && <Menu me={me} route={route} onSignOut={signOut} />}
      <main id="main" tabIndex={-1}>
        {me === undefined && <p>{t('app.loading')}</p>}
        {me === null && <SignIn onSignedIn={setMe} />}
        {me && (
          <>
            <p class="whoami">
              {t('app.signedInAs', { name: me.user.name, role: t(`roles.${me.user.role}`) })}
            </p>
            <Screen me={me} route={route} />
          </>
        )}
      </main>
    </>
  );
}
