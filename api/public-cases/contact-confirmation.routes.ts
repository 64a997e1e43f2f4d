import formbody from '@fastify/formbody';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { mailLanguage } from '../../services/mail/templates';
import { caseNumberToSlug } from '../../domain/cases/case-number';
import {
  CONTACT_CONFIRMATION_DAYS,
  confirmContactAddress,
  confirmationLinkOf,
  type ConfirmationLink,
} from '../../services/cases/contact-confirmation';
import { trackingToken } from '../../services/cases/tracking-token';
import { escapeHtml, plainPage } from '../public-map/unsubscribe-page';
import type { AppDeps } from '../app';
import { contactConfirmationQuery } from './public-cases.schemas';

type Language = 'pl' | 'en';

const TEXTS = {
  pl: {
    title: 'Potwierdzenie adresu e-mail',
    confirm: (n: string) =>
      `Czy to Twój adres e-mail i chcesz otrzymywać na niego wiadomości o postępach w sprawie nr ${n}?`,
    button: 'Tak, potwierdzam',
    done: (n: string) =>
      `Dziękujemy, adres jest potwierdzony. Wiadomości o sprawie nr ${n} i o Twoich kolejnych zgłoszeniach będą przychodzić na ten adres.`,
    track: 'Stan sprawy:',
    malformed: 'Ten link jest niepełny lub uszkodzony. Skopiuj z wiadomości e-mail cały link.',
    unknown:
      'Ten link nie jest ważny: nie pasuje do żadnej sprawy ani adresu. Możliwe, że adres e-mail w sprawie został zmieniony.',
    expired: (n: string) =>
      `Ten link wygasł: działa przez ${CONTACT_CONFIRMATION_DAYS} dni od zgłoszenia. Sprawa nr ${n} jest nadal prowadzona; adres potwierdzisz linkiem z potwierdzenia przyjęcia kolejnego zgłoszenia.`,
    portal: 'Przejdź do portalu',
  },
  en: {
    title: 'Confirm your e-mail address',
    confirm: (n: string) => `Is this your e-mail address, and do you want news on case ${n} sent to it?`,
    button: 'Yes, I confirm',
    done: (n: string) =>
      `Thank you, the address is confirmed. News on case ${n} and on your later requests will be sent to it.`,
    track: 'Your case online:',
    malformed: 'This link is incomplete or damaged. Please copy the whole link from the e-mail.',
    unknown:
      'This link is not valid: it matches no case and address. The e-mail address of the case may have been changed.',
    expired: (n: string) =>
      `This link has expired: it works for ${CONTACT_CONFIRMATION_DAYS} days after the request. Case ${n} is still being handled; the acknowledgement of your next request will have a new link.`,
    portal: 'Go to the portal',
  },
} satisfies Record<Language, unknown>;

/** The status each answer gets: a link that cannot confirm says why with a 4xx. */
const STATUS: Record<ConfirmationLink['state'], number> = {
  pending: 200,
  confirmed: 200,
  malformed: 400,
  unknown: 404,
  expired: 410,
};

/**
 * The page behind the link of an acknowledgement sent to an address not yet confirmed. Opening
 * it shows a button and changes nothing, because mail scanners open links: a GET that confirmed
 * would let a scanner confirm an address a stranger typed. Pressing it confirms the address for
 * this and every later case; once confirmed, the page shows the case's tracking link.
 */
export const contactConfirmationRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(formbody);
    const limit = { rateLimit: { max: deps.config.rateLimits.intakePerMinute, timeWindow: '1 minute' } };

    function page(link: ConfirmationLink): string {
      const language: Language =
        link.state === 'malformed' || link.state === 'unknown' ? 'pl' : mailLanguage(link.caseRow.language);
      const t = TEXTS[language];
      let body: string;
      switch (link.state) {
        case 'pending':
          body = `<p>${escapeHtml(t.confirm(link.caseRow.number))}</p>
<form method="post"><button type="submit">${escapeHtml(t.button)}</button></form>`;
          break;
        case 'confirmed': {
          const slug = caseNumberToSlug(link.caseRow.number);
          const tracking = `/portal/track/${slug}?token=${trackingToken(deps.config.secret, link.caseRow.id)}`;
          body = `<p role="status">${escapeHtml(t.done(link.caseRow.number))}</p>
<p>${escapeHtml(t.track)} <a href="${escapeHtml(tracking)}">${escapeHtml(link.caseRow.number)}</a></p>`;
          break;
        }
        case 'expired':
          body = `<p role="alert">${escapeHtml(t.expired(link.caseRow.number))}</p>`;
          break;
        default:
          body = `<p role="alert">${escapeHtml(link.state === 'malformed' ? t.malformed : t.unknown)}</p>`;
      }
      return plainPage({ language, title: t.title, body, portalLabel: t.portal });
    }

    /** The link's page, the same whether the link was opened or its button pressed. */
    const answerWithPage = (reply: FastifyReply, link: ConfirmationLink) =>
      reply
        .status(STATUS[link.state])
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(page(link));

    const schema = {
      tags: ['cases'],
      querystring: contactConfirmationQuery,
    };

    app.get(
      '/public/case-contacts/confirm',
      {
        config: limit,
        schema: {
          ...schema,
          summary:
            'The page of the confirmation link in the acknowledgement to an unconfirmed address: asks to confirm (400 malformed, 404 not valid, 410 expired)',
        },
      },
      async (request, reply) => {
        const link = await confirmationLinkOf(deps.orm, deps.config.secret, request.query.token);
        return answerWithPage(reply, link);
      },
    );

    app.post(
      '/public/case-contacts/confirm',
      {
        config: limit,
        schema: {
          ...schema,
          summary:
            "Confirm a case's contact address (the button of the confirmation page); confirming again answers the same",
        },
      },
      async (request, reply) => {
        const link = await confirmContactAddress(deps.orm, deps.config.secret, request.query.token);
        return answerWithPage(reply, link);
      },
    );
  };
