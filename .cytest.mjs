import cytoscape from 'cytoscape';
const cy = cytoscape({ headless: true, styleEnabled: true, style: [
 { selector: 'edge', style: { 'curve-style': 'segments', 'segment-distances': 'data(d)', 'segment-weights': 'data(w)', 'line-dash-pattern': 'data(p)' } },
 { selector: 'node', style: { 'outline-style': 'dashed', 'outline-width': 3, 'outline-color': 'data(c)', 'background-image': 'data(img)' } } ]});
cy.add([{data:{id:'a', c:'#ff0000', img:'data:image/svg+xml;utf8,%3Csvg%3E%3C/svg%3E'}},{data:{id:'b', c: '#00ff00', img: 'none'}},{data:{id:'e',source:'a',target:'b',d:[5,-5,5],w:[0.2,0.5,0.8],p:[10,4]}}]);
const e = cy.$('#e');
console.log(e.pstyle('segment-distances'), e.pstyle('segment-weights'), e.pstyle('line-dash-pattern'));
console.log(cy.$('#a').pstyle('outline-color'), cy.$('#a').pstyle('outline-style'), cy.$('#a').pstyle('background-image'));
e.data('d', [1,2]); e.data('w',[0.3,0.6]);
console.log(e.pstyle('segment-distances').pfValue);
