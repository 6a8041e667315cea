"""Who the caller is, and the directory of facilities."""

from flask import g
from sqlalchemy import select

from caseflow.api import api
from caseflow.api.schemas import FacilityOut, FacilityQuery, MeOut, Paged
from caseflow.api.serialize import facility_out, paged
from caseflow.http.pagination import paginate
from caseflow.models import Facility


@api("get", "/me", "The signed-in user", response=MeOut)
def me():
    user = g.api_user
    return MeOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role.value,
        facility=facility_out(user.facility),
        supervises=[facility_out(f) for f in user.supervises],
    )


@api(
    "get",
    "/facilities",
    "The facility directory",
    query=FacilityQuery,
    response=Paged[FacilityOut],
    errors=(422,),
)
def facilities(query: FacilityQuery):
    stmt = select(Facility).where(Facility.active).order_by(Facility.state_code, Facility.name)
    if query.type:
        stmt = stmt.where(Facility.type == query.type)
    if query.state:
        stmt = stmt.where(Facility.state_code == query.state.upper())
    return paged(paginate(stmt, query.page, query.per_page), facility_out)
