import { Admin, Resource, type ResourceProps } from 'react-admin';
import { createHashRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { LoginPage } from './LoginPage';
import { bookingResources } from './bookings';
import { businessCalendarResource } from './business-calendar';
import { calls } from './calls';
import { chats } from './chats';
import { configChanges } from './config-changes';
import { audit } from './audit';
import { cases } from './cases';
import { Dashboard } from './dashboard';
import { units } from './units';
import { open311Clients } from './open311-clients';
import { responseTemplatesResource } from './response-templates';
import { knowledgeResources } from './knowledge-articles';
import { announcementsResource } from './announcements';
import { routingRules } from './routing-rules';
import { slaPolicies } from './sla-policies';
import { subcategories, taxonomyEvents } from './taxonomy';
import { users } from './users';

const BackOffice = () => (
  <Admin
    title="civicflow"
    dataProvider={dataProvider}
    authProvider={authProvider}
    loginPage={LoginPage}
    i18nProvider={i18nProvider}
    disableTelemetry
    requireAuth
    dashboard={Dashboard}
  >
    <Resource name="cases" recordRepresentation="number" {...cases} />
    <Resource name="units" recordRepresentation="name" {...units} />
    {(permissions: string | null) => (
      <>
        {/* Everyone reads a case's timeline from case-events; managers and admins also get the audit list. */}
        <Resource
          name="case-events"
          {...(permissions === 'ADMIN' || permissions === 'MANAGER' ? audit : {})}
        />
        {permissions === 'CLERK' || permissions === 'ADMIN' ? <Resource name="calls" {...calls} /> : null}
        {permissions === 'CLERK' || permissions === 'ADMIN' ? <Resource name="chats" {...chats} /> : null}
        {permissions === 'ADMIN' ? (
          <Resource name="open311-clients" recordRepresentation="name" {...open311Clients} />
        ) : null}
        {permissions === 'ADMIN' || permissions === 'MANAGER' ? (
          // Managers get the same lists read-only (the screens hide writing, the API refuses it).
          <>
            <Resource
              name="users"
              recordRepresentation="displayName"
              {...readOnlyUnlessAdmin(users, permissions)}
            />
            <Resource
              name="subcategories"
              recordRepresentation="name"
              {...readOnlyUnlessAdmin(subcategories, permissions)}
            />
            <Resource
              name="taxonomy-events"
              recordRepresentation="name"
              {...readOnlyUnlessAdmin(taxonomyEvents, permissions)}
            />
            <Resource name="routing-rules" {...readOnlyUnlessAdmin(routingRules, permissions)} />
            <Resource
              name="sla-policies"
              recordRepresentation="name"
              {...readOnlyUnlessAdmin(slaPolicies, permissions)}
            />
            <Resource name="config-changes" {...configChanges} />
          </>
        ) : null}
        {bookingResources(permissions)}
        {businessCalendarResource(permissions)}
        {responseTemplatesResource(permissions)}
        {knowledgeResources(permissions)}
        {announcementsResource(permissions)}
      </>
    )}
  </Admin>
);

/**
 * The hash router react-admin would make, minus React transitions. react-admin asks for none
 * (`v7_startTransition: false`), but react-router 7 ignores that flag and makes every navigation a
 * transition. Signed out, react-admin's logout navigates to #/login and then clears its query
 * cache: the clear, an urgent update, kept interrupting the transition to the login page, and the
 * page still on screen logged out again, so a deep link pushed #/login thousands of times and
 * showed no form for seconds (issue 17).
 */
const router = createHashRouter([{ path: '*', element: <BackOffice /> }]);

export const App = () => <RouterProvider router={router} useTransitions={false} />;

type ResourceViews = Omit<ResourceProps, 'name'>;

function readOnlyUnlessAdmin(resource: ResourceViews, permissions: string | null): ResourceViews {
  return permissions === 'ADMIN' ? resource : { list: resource.list, icon: resource.icon };
}
