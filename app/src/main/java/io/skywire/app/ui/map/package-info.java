/**
 * The route map's model and layout in plain Java, with no JavaFX: what the client knows of the network (nodes and
 * links from discovery), its own routes hop by hop, the routes it forwards for others, prices and earnings, and where
 * each node is drawn. The canvas in {@code io.skywire.app.ui} only paints this, so all of it is tested without a
 * toolkit, and 1,000 nodes cost one draw call each rather than one scene-graph node each.
 */
package io.skywire.app.ui.map;
