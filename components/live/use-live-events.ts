"use client";

import { useEffect, useRef } from "react";
import type { LiveMessage } from "@/lib/live/events";

// One EventSource per team per tab, shared by every component that listens
// (the page's refresher, later the top bar's badge), opened by the first and
// closed shortly after the last goes away (a navigation between two live
// pages keeps it). The browser reconnects by itself after a drop; when the
// server answers with an error instead (a proxy's 502 while the app
// restarts), this opens a new one with backoff. Every reconnection is handed
// to the listeners as a "resync": events may have been missed meanwhile.

type Listener = (message: LiveMessage) => void;
export type LiveStatus = "connecting" | "open" | "closed";

const LINGER_MS = 5_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

class TeamChannel {
  private source: EventSource | null = null;
  private readonly listeners = new Set<Listener>();
  private opened = false;
  private attempt = 0;
  private retryTimer: number | null = null;
  private lingerTimer: number | null = null;
  private gone = false;
  // An event arrived while nobody listened (between two pages of a navigation).
  private missed = false;

  constructor(
    private readonly teamId: string,
    private readonly since: number | undefined,
  ) {}

  add(listener: Listener) {
    this.listeners.add(listener);
    if (this.lingerTimer !== null) window.clearTimeout(this.lingerTimer);
    this.lingerTimer = null;
    if (this.missed) {
      this.missed = false;
      window.setTimeout(() => listener({ type: "resync" }), 0);
    }
    if (!this.source && this.retryTimer === null && !this.gone) this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.lingerTimer = window.setTimeout(() => this.shut(), LINGER_MS);
    };
  }

  private open() {
    const query = this.since !== undefined && !this.opened ? `?since=${this.since}` : "";
    const source = new EventSource(`/api/teams/${this.teamId}/live${query}`);
    this.source = source;
    setStatus("connecting");
    source.onopen = () => {
      this.attempt = 0;
      setStatus("open");
      // A reconnection: whatever happened while the stream was down is unknown.
      if (this.opened) this.emit({ type: "resync" });
      this.opened = true;
    };
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // An error answer (not a dropped connection): the browser gave up; retry ourselves.
        source.close();
        this.source = null;
        this.retryLater();
      } else {
        setStatus("connecting");
      }
    };
    const relay = (event: MessageEvent<string>) => {
      try {
        this.emit(JSON.parse(event.data) as LiveMessage);
      } catch {
        // Not ours: ignore.
      }
    };
    source.addEventListener("change", relay);
    source.addEventListener("resync", relay);
    source.addEventListener("gone", (event) => {
      relay(event);
      // Not a member any more, or signed out: stop; the page's own load says why.
      this.gone = true;
      source.close();
      this.source = null;
      setStatus("closed");
    });
  }

  private retryLater() {
    setStatus("connecting");
    const delay = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!;
    this.attempt += 1;
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      if (this.listeners.size > 0) this.open();
    }, delay);
  }

  private emit(message: LiveMessage) {
    if (this.listeners.size === 0) this.missed = true;
    for (const listener of [...this.listeners]) listener(message);
  }

  private shut() {
    this.source?.close();
    this.source = null;
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    channels.delete(this.teamId);
    setStatus("closed");
  }
}

const channels = new Map<string, TeamChannel>();

// For tests and tools: <html data-live="open"> once the stream is connected.
function setStatus(status: LiveStatus) {
  document.documentElement.dataset.live = status;
}

/**
 * Calls `handler` with each live message of the team while the component is
 * mounted: "change" (a feature or the whole team changed), "resync" (events
 * may have been missed: fetch again) and "gone" (the stream ended for good).
 * `since` is when the server rendered the page (Date.now() there): changes
 * committed around or after it arrive as a "resync" on connecting.
 */
export function useLiveEvents(teamId: string, handler: Listener, since?: number) {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    let channel = channels.get(teamId);
    if (!channel) channels.set(teamId, (channel = new TeamChannel(teamId, since)));
    return channel.add((message) => latest.current(message));
    // `since` matters only to the stream's first connection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [teamId]);
}
