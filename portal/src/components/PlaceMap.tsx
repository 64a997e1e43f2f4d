import 'leaflet/dist/leaflet.css';
import './PlaceMap.css';
import { divIcon, type LatLngBounds, type Map as LeafletMap } from 'leaflet';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { MapContainer, Marker, Popup, TileLayer, useMap, useMapEvents, ZoomControl } from 'react-leaflet';
import { useI18n } from '../i18n/i18n';
import { useSettings } from '../layout/settings';
import { DOT_SIZE, spreadOffsets } from './spread-offsets';

export interface MapPoint {
  lat: number;
  lon: number;
}

export interface MapMarker extends MapPoint {
  id: string;
  /** Read on hover; the page lists the same reports in text, so markers need no keyboard stop. */
  title: string;
  /** The status group: colour and shape of the marker (see map/status-groups). */
  tone: 'new' | 'progress' | 'resolved';
  popup?: ReactNode;
}

/** minLon, minLat, maxLon, maxLat: the order `GET /api/v1/public/cases?bbox=` takes. */
export type BoundingBox = [number, number, number, number];

interface PlaceMapProps {
  /** What the map shows, read by screen readers when the map gets focus. */
  label: string;
  zoom?: number;
  /** The chosen place; with `onPick` the resident moves it by clicking or dragging. */
  pin?: MapPoint | null;
  /** The chosen place in words, printed with the coordinates when the map cannot be drawn. */
  address?: string;
  /** What the plain view calls the pin (by default "Chosen place:", for a place being picked). */
  pinLabel?: string;
  onPick?(point: MapPoint): void;
  /** Changes whenever the page sets the pin itself (street search, location): the view follows it. */
  focusKey?: number;
  markers?: MapMarker[];
  onViewChange?(bbox: BoundingBox): void;
  /** Told when the tiles cannot be loaded, so the page can lean on its text alternative. */
  onDegradedChange?(degraded: boolean): void;
  /** What to do instead of the map, said in the plain view (e.g. "use the street search"). */
  plainHint: string;
}

/**
 * Markers are inline SVG rather than Leaflet's PNGs: those are found through a CSS path a bundler
 * breaks, and these need nothing from the network.
 */
const pinIcon = divIcon({
  className: 'place-map__pin',
  html:
    '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="42" viewBox="0 0 28 40" aria-hidden="true">' +
    '<path d="M14 0C6.3 0 0 6.3 0 14c0 10.5 14 26 14 26s14-15.5 14-26C28 6.3 21.7 0 14 0z" fill="#9b1c1c" stroke="#fff" stroke-width="1.5"/>' +
    '<circle cx="14" cy="14" r="5.5" fill="#fff"/></svg>',
  iconSize: [30, 42],
  iconAnchor: [15, 42],
});

const dotIcon = (tone: MapMarker['tone'], [dx, dy]: [number, number]) =>
  divIcon({
    className: `place-map__dot place-map__dot--${tone}${tone === 'resolved' ? '' : ' place-map__dot--open'}${
      dx || dy ? ' place-map__dot--spread' : ''
    }`,
    iconSize: [DOT_SIZE, DOT_SIZE],
    iconAnchor: [DOT_SIZE / 2 - dx, DOT_SIZE / 2 - dy],
    popupAnchor: [dx, dy - DOT_SIZE / 2],
  });

/** How long the first tiles may take before the map is treated as unavailable. */
const FIRST_TILES_TIMEOUT_MS = 10_000;

function boundingBox(bounds: LatLngBounds): BoundingBox {
  const round = (value: number) => Math.round(value * 100_000) / 100_000;
  return [
    round(Math.max(-180, bounds.getWest())),
    round(Math.max(-90, bounds.getSouth())),
    round(Math.min(180, bounds.getEast())),
    round(Math.min(90, bounds.getNorth())),
  ];
}

export function formatCoordinates(point: MapPoint): string {
  return `${point.lat.toFixed(5)}, ${point.lon.toFixed(5)}`;
}

/** Names the map's container for screen readers; Leaflet makes it focusable (arrows pan, Tab leaves). */
function AccessibleContainer({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}

function ViewEvents({ onPick, onViewChange }: Pick<PlaceMapProps, 'onPick' | 'onViewChange'>) {
  const map = useMapEvents({
    click(event) {
      onPick?.({ lat: event.latlng.lat, lon: event.latlng.lng });
    },
    moveend() {
      onViewChange?.(boundingBox(map.getBounds()));
    },
  });
  useEffect(() => {
    onViewChange?.(boundingBox(map.getBounds()));
    // Only the first view: later ones come from moveend.
  }, [map]);
  return null;
}

function FollowPin({ pin, focusKey }: { pin: MapPoint | null | undefined; focusKey?: number }) {
  const map = useMap();
  useEffect(() => {
    if (pin && focusKey) map.setView([pin.lat, pin.lon], Math.max(map.getZoom(), 17));
    // The view follows the pin only when the page moved it, never while the resident drags it.
  }, [focusKey, map]);
  return null;
}

/**
 * A Leaflet map of the city with the configured tiles: a pin the resident places by clicking or
 * dragging, or markers of reports. The map is never the only way: pages pair it with a street
 * search or a list. When the tiles cannot be loaded (no tile server configured, or the first tiles
 * all fail) a plain view with the chosen place in words replaces the grey box.
 */
export function PlaceMap({
  label,
  zoom = 12,
  pin,
  address,
  pinLabel,
  onPick,
  focusKey,
  markers,
  onViewChange,
  onDegradedChange,
  plainHint,
}: PlaceMapProps) {
  const { t } = useI18n();
  const settings = useSettings();
  const [tilesFailed, setTilesFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [map, setMap] = useState<LeafletMap | null>(null);
  const tilesLoaded = useRef(0);
  const degraded = settings.loaded && (!settings.mapTileUrl || tilesFailed);

  useEffect(() => {
    onDegradedChange?.(degraded);
  }, [degraded, onDegradedChange]);

  useEffect(() => {
    if (degraded || !settings.loaded) return;
    tilesLoaded.current = 0;
    // A tile server that never answers fires no error either.
    const timer = window.setTimeout(() => {
      if (tilesLoaded.current === 0) setTilesFailed(true);
    }, FIRST_TILES_TIMEOUT_MS);
    return () => window.clearTimeout(timer);
  }, [degraded, attempt, settings.mapTileUrl, settings.loaded]);

  const tileEvents = useMemo(
    () => ({
      tileload() {
        tilesLoaded.current += 1;
      },
      // 'load' comes once every tile in view has loaded or failed: none loaded means no map.
      load() {
        if (tilesLoaded.current === 0) setTilesFailed(true);
      },
    }),
    [],
  );

  const dotIcons = useMemo(() => {
    const offsets = spreadOffsets(markers ?? []);
    return (markers ?? []).map((marker, index) => dotIcon(marker.tone, offsets[index]));
  }, [markers]);

  const pinEvents = useMemo(
    () => ({
      dragend(event: { target: { getLatLng(): { lat: number; lng: number } } }) {
        const position = event.target.getLatLng();
        onPick?.({ lat: position.lat, lon: position.lng });
      },
    }),
    [onPick],
  );

  // Until the settings arrive the tile URL is unknown: an empty frame, not a flash of the plain view.
  if (!settings.loaded) return <div className="map place-map__canvas" aria-busy="true" />;

  if (degraded) {
    return (
      <div className="place-map place-map--plain" data-testid="place-map-plain">
        <p className="place-map__unavailable">{t('report.placeMap.unavailable')}</p>
        {pin ? (
          <p data-testid="place-map-coordinates">
            {pinLabel ? (
              <>
                <strong>{pinLabel}</strong> {address ? `${address} · ` : ''}
                {formatCoordinates(pin)}
              </>
            ) : (
              <>
                <strong>{t('report.placeMap.chosenPlace')}</strong> {formatCoordinates(pin)}
                {address ? ` · ${address}` : ''}
              </>
            )}
          </p>
        ) : null}
        <p className="muted">{plainHint}</p>
        {settings.mapTileUrl ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setTilesFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            {t('report.placeMap.retry')}
          </button>
        ) : null}
      </div>
    );
  }

  const center = pin ?? settings.mapCenter;
  return (
    <div className="place-map">
      <MapContainer
        key={`${settings.mapTileUrl}-${attempt}`}
        ref={setMap}
        className="map place-map__canvas"
        center={[center.lat, center.lon]}
        zoom={pin ? Math.max(zoom, 16) : zoom}
        zoomControl={false}
        scrollWheelZoom={false}
      >
        <AccessibleContainer label={label} />
        <ZoomControl
          position="topleft"
          zoomInTitle={t('report.placeMap.zoomIn')}
          zoomOutTitle={t('report.placeMap.zoomOut')}
        />
        <TileLayer
          url={settings.mapTileUrl!}
          attribution={settings.mapAttribution ?? undefined}
          eventHandlers={tileEvents}
        />
        <ViewEvents onPick={onPick} onViewChange={onViewChange} />
        <FollowPin pin={pin} focusKey={focusKey} />
        {pin ? (
          <Marker
            position={[pin.lat, pin.lon]}
            icon={pinIcon}
            draggable={Boolean(onPick)}
            title={t('report.placeMap.pinTitle')}
            eventHandlers={pinEvents}
          />
        ) : null}
        {markers?.map((marker, index) => (
          <Marker
            key={marker.id}
            position={[marker.lat, marker.lon]}
            icon={dotIcons[index]}
            title={marker.title}
            keyboard={false}
          >
            {marker.popup ? <Popup>{marker.popup}</Popup> : null}
          </Marker>
        ))}
      </MapContainer>
      {onPick ? (
        <div className="place-map__tools">
          <p className="hint muted">{t('report.placeMap.howToPick')}</p>
          <button
            type="button"
            className="button button--secondary"
            disabled={!map}
            onClick={() => {
              if (!map) return;
              const middle = map.getCenter();
              onPick({ lat: middle.lat, lon: middle.lng });
            }}
          >
            {t('report.placeMap.pinAtCentre')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
